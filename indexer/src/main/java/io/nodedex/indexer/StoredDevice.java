package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.codec.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A device and its stored form ({@link StoredValues#device}), which travels with it so that it is
 * encoded at most once: a device one source alone reports is stored as its source's row, as the
 * merged device and in its history, from one array.
 *
 * <p>Most stored forms are known before they are asked for: those of the devices an event
 * carries are cut from the record as they travelled ({@link #carriedBy}), on the workers that
 * decode a poll while the batch before is written; those read from the store are the bytes read.
 * Only a device the fold makes (two sources merged) is encoded, when first asked.
 *
 * <p>Equality is not overridden: compare {@link #device()}s. Confined to one thread at a time
 * (the bytes of a made device and the WWPN are worked out lazily, unsynchronized).
 */
final class StoredDevice {

    private final Device device;
    private byte[] bytes;
    private OptionalLong wwpn;

    private StoredDevice(Device device, byte[] bytes) {
        this.device = device;
        this.bytes = bytes;
    }

    /** A device whose stored form is {@code bytes}. */
    static StoredDevice of(Device device, byte[] bytes) {
        return new StoredDevice(device, bytes);
    }

    /** A device the fold made, encoded when its stored form is first asked for. */
    static StoredDevice made(Device device) {
        return new StoredDevice(device, null);
    }

    /** A device as stored: decoded from {@code bytes}. */
    static StoredDevice decoded(byte[] bytes) {
        return new StoredDevice(StoredValues.device(bytes), bytes);
    }

    /**
     * The devices {@code event} carries, each with its stored form: {@code stored} holds them in
     * the order the event lists its devices ({@link EventCodec.WithDevices}). Any thread.
     */
    static List<StoredDevice> carriedBy(Event event, List<byte[]> stored) {
        List<Device> devices = event.payload().carriedDevices();
        if (devices.size() != stored.size()) {
            throw new IllegalArgumentException("the event carries " + devices.size() + " devices, "
                    + stored.size() + " stored forms came with it");
        }
        List<StoredDevice> carried = new ArrayList<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            carried.add(of(devices.get(i), stored.get(i)));
        }
        return carried;
    }

    Device device() {
        return device;
    }

    /** The stored form: the same array however often it is asked for. */
    byte[] bytes() {
        if (bytes == null) {
            bytes = StoredValues.device(device);
        }
        return bytes;
    }

    /** The device's WWPN when it is an fc_host; looked up once, as history asks it of every version. */
    OptionalLong wwpn() {
        if (wwpn == null) {
            wwpn = device.fcHost().map(fc -> OptionalLong.of(fc.wwpn().value())).orElseGet(OptionalLong::empty);
        }
        return wwpn;
    }

    /** Whether both are absent, or both present with equal devices. */
    static boolean same(Optional<StoredDevice> one, Optional<StoredDevice> other) {
        if (one.isEmpty() || other.isEmpty()) {
            return one.isEmpty() == other.isEmpty();
        }
        return one.get() == other.get() || one.get().device.equals(other.get().device);
    }

    /** The device, if any. */
    static Optional<Device> deviceOf(Optional<StoredDevice> stored) {
        return stored.map(StoredDevice::device);
    }
}
