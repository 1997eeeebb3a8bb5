package io.nodedex.agent;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;

/**
 * The part of libvirt's C API (libvirt.so.0) that nodedex uses, mapped with JNA.
 *
 * <p>Signatures follow libvirt's public headers (libvirt-host.h, libvirt-event.h,
 * libvirt-nodedev.h, virterror.h); {@code unsigned int} flags are passed as Java {@code int}.
 * Every pointer to an opaque libvirt object ({@code virConnectPtr}, {@code virNodeDevicePtr}) is a
 * plain {@link Pointer}. Strings that libvirt returns as {@code const char *} owned by an object
 * are mapped to {@link String} (JNA copies them); strings the caller must free are mapped to
 * {@link Pointer} and released with {@link #freeString(Pointer)}.
 *
 * <p>Loading this interface installs a silent error handler (see {@link SilentErrorHandler}) before
 * any other libvirt call, so libvirt never prints errors to the process's stderr.
 */
interface LibvirtNative extends Library {

    /** The loaded library; every use of libvirt goes through this instance. */
    LibvirtNative LIB = SilentErrorHandler.install(
            Native.load("libvirt.so.0", LibvirtNative.class,
                    Map.of(Library.OPTION_STRING_ENCODING, "UTF-8")));

    int NODE_DEVICE_EVENT_ID_LIFECYCLE = 0;
    int NODE_DEVICE_EVENT_ID_UPDATE = 1;

    /** {@code void (*virEventTimeoutCallback)(int timer, void *opaque)}. */
    interface TimeoutCallback extends Callback {
        void invoke(int timer, Pointer opaque);
    }

    /** {@code void (*virConnectCloseFunc)(virConnectPtr conn, int reason, void *opaque)}. */
    interface CloseCallback extends Callback {
        void invoke(Pointer conn, int reason, Pointer opaque);
    }

    /** {@code virConnectNodeDeviceEventLifecycleCallback}. */
    interface NodeDeviceLifecycleCallback extends Callback {
        void invoke(Pointer conn, Pointer dev, int event, int detail, Pointer opaque);
    }

    /** {@code virConnectNodeDeviceEventGenericCallback} (used for UPDATE events). */
    interface NodeDeviceGenericCallback extends Callback {
        void invoke(Pointer conn, Pointer dev, Pointer opaque);
    }

    /** {@code void (*virErrorFunc)(void *userData, virErrorPtr error)}. */
    interface ErrorFunc extends Callback {
        void invoke(Pointer userData, Pointer error);
    }

    /**
     * {@code struct _virError} from virterror.h, field for field. Strings stay {@link Pointer}s:
     * JNA would otherwise replace them with its own memory when it writes the structure back,
     * and {@link #virResetError} would then free memory libvirt never allocated.
     */
    @Structure.FieldOrder({"code", "domain", "message", "level", "conn", "dom",
            "str1", "str2", "str3", "int1", "int2", "net"})
    final class VirError extends Structure {
        public int code;
        public int domain;
        public Pointer message;
        public int level;
        public Pointer conn;
        public Pointer dom;
        public Pointer str1;
        public Pointer str2;
        public Pointer str3;
        public int int1;
        public int int2;
        public Pointer net;
    }

    // ---- event loop (libvirt-event.h)

    int virEventRegisterDefaultImpl();

    int virEventRunDefaultImpl();

    int virEventAddTimeout(int frequencyMillis, TimeoutCallback cb, Pointer opaque, Pointer freeCb);

    void virEventUpdateTimeout(int timer, int frequencyMillis);

    int virEventRemoveTimeout(int timer);

    // ---- connections (libvirt-host.h)

    Pointer virConnectOpen(String uri);

    Pointer virConnectOpenReadOnly(String uri);

    int virConnectClose(Pointer conn);

    int virConnectIsAlive(Pointer conn);

    int virConnectSetKeepAlive(Pointer conn, int intervalSeconds, int count);

    int virConnectRegisterCloseCallback(Pointer conn, CloseCallback cb, Pointer opaque,
            Pointer freeCb);

    int virConnectUnregisterCloseCallback(Pointer conn, CloseCallback cb);

    // ---- node devices (libvirt-nodedev.h)

    int virConnectListAllNodeDevices(Pointer conn, PointerByReference devices, int flags);

    Pointer virNodeDeviceLookupByName(Pointer conn, String name);

    String virNodeDeviceGetName(Pointer dev);

    Pointer virNodeDeviceGetXMLDesc(Pointer dev, int flags);

    Pointer virNodeDeviceCreateXML(Pointer conn, String xml, int flags);

    int virNodeDeviceDestroy(Pointer dev);

    int virNodeDeviceFree(Pointer dev);

    int virConnectNodeDeviceEventRegisterAny(Pointer conn, Pointer dev, int eventId,
            NodeDeviceLifecycleCallback cb, Pointer opaque, Pointer freeCb);

    int virConnectNodeDeviceEventRegisterAny(Pointer conn, Pointer dev, int eventId,
            NodeDeviceGenericCallback cb, Pointer opaque, Pointer freeCb);

    int virConnectNodeDeviceEventDeregisterAny(Pointer conn, int callbackId);

    // ---- errors (virterror.h)

    int virCopyLastError(VirError to);

    void virResetError(VirError error);

    void virResetLastError();

    void virSetErrorFunc(Pointer userData, ErrorFunc handler);

    /** Copies a string libvirt allocated for the caller, then frees it with {@code free()}. */
    static String freeString(Pointer allocated) {
        try {
            return allocated.getString(0, "UTF-8");
        } finally {
            Native.free(Pointer.nativeValue(allocated));
        }
    }

    /** Frees memory libvirt allocated for the caller (arrays, strings) with {@code free()}. */
    static void free(Pointer allocated) {
        Native.free(Pointer.nativeValue(allocated));
    }
}
