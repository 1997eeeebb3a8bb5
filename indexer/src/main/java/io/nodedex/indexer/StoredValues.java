package io.nodedex.indexer;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.FcRemotePort;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The byte form of every stored value. The only place that knows it.
 *
 * <p>INTERIM: devices and host records use a throw-away binary form until the Avro device codec
 * lands on main; then this class switches to it (a one-file change).
 */
final class StoredValues {

    private StoredValues() {
    }

    static byte[] device(Device device) {
        return write(out -> {
            out.writeUTF(device.name());
            writeOptional(out, device.parent());
            writeOptional(out, device.sysfsPath());
            writeOptional(out, device.driver());
            writeAttributes(out, device.attributes());
            out.writeInt(device.capabilities().size());
            for (Capability capability : device.capabilities()) {
                writeCapability(out, capability);
            }
        });
    }

    static Device device(byte[] bytes) {
        return read(bytes, in -> new Device(in.readUTF(), readOptional(in), readOptional(in), readOptional(in),
                readAttributes(in), readCapabilities(in)));
    }

    static byte[] host(HostRecord host) {
        return write(out -> {
            out.writeUTF(host.hostId());
            out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, host.lastSeen()));
        });
    }

    static HostRecord host(byte[] bytes) {
        return read(bytes, in -> new HostRecord(in.readUTF(), Instant.EPOCH.plus(in.readLong(), ChronoUnit.MICROS)));
    }

    static byte[] watermark(Watermark watermark) {
        return Keys.longs(watermark.incarnation(), watermark.sequence());
    }

    static Watermark watermark(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Watermark(buffer.getLong(), buffer.getLong());
    }

    static byte[] offset(long offset) {
        return Keys.longs(offset);
    }

    static long offset(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    private static void writeCapability(DataOutputStream out, Capability capability) throws IOException {
        out.writeUTF(capability.type());
        if (capability instanceof ScsiHost scsi) {
            out.writeByte(1);
            out.writeInt(scsi.host());
            out.writeBoolean(scsi.uniqueId().isPresent());
            out.writeInt(scsi.uniqueId().orElse(0));
        } else if (capability instanceof FcHost fc) {
            out.writeByte(2);
            out.writeLong(fc.wwnn().value());
            out.writeLong(fc.wwpn().value());
            out.writeBoolean(fc.fabricWwn().isPresent());
            out.writeLong(fc.fabricWwn().map(Wwn::value).orElse(0L));
            writeOptional(out, fc.portState());
            writeOptional(out, fc.speed());
        } else if (capability instanceof VportOps ops) {
            out.writeByte(3);
            out.writeInt(ops.maxVports());
            out.writeInt(ops.vports());
        } else if (capability instanceof FcRemotePort rport) {
            out.writeByte(4);
            out.writeUTF(rport.rport());
            out.writeLong(rport.wwpn().value());
        } else if (capability instanceof GenericCapability generic) {
            out.writeByte(5);
            writeAttributes(out, generic.attributes());
        }
    }

    private static List<Capability> readCapabilities(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Capability> capabilities = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String type = in.readUTF();
            int kind = in.readByte();
            switch (kind) {
                case 1: {
                    int host = in.readInt();
                    boolean hasId = in.readBoolean();
                    int id = in.readInt();
                    capabilities.add(new ScsiHost(host, hasId ? OptionalInt.of(id) : OptionalInt.empty()));
                    break;
                }
                case 2: {
                    Wwn wwnn = new Wwn(in.readLong());
                    Wwn wwpn = new Wwn(in.readLong());
                    boolean hasFabric = in.readBoolean();
                    long fabric = in.readLong();
                    capabilities.add(new FcHost(wwnn, wwpn, hasFabric ? Optional.of(new Wwn(fabric)) : Optional.empty(),
                            readOptional(in), readOptional(in)));
                    break;
                }
                case 3:
                    capabilities.add(new VportOps(in.readInt(), in.readInt()));
                    break;
                case 4:
                    capabilities.add(new FcRemotePort(in.readUTF(), new Wwn(in.readLong())));
                    break;
                default:
                    capabilities.add(new GenericCapability(type, readAttributes(in)));
            }
        }
        return capabilities;
    }

    private static void writeAttributes(DataOutputStream out, List<Attribute> attributes) throws IOException {
        out.writeInt(attributes.size());
        for (Attribute attribute : attributes) {
            out.writeUTF(attribute.key());
            out.writeUTF(attribute.value());
        }
    }

    private static List<Attribute> readAttributes(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Attribute> attributes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            attributes.add(new Attribute(in.readUTF(), in.readUTF()));
        }
        return attributes;
    }

    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUTF(value.get());
        }
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
