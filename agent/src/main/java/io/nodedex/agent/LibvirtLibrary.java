package io.nodedex.agent;

import com.sun.jna.NativeLibrary;
import io.nodedex.device.InvalidInputException;

/**
 * Checks that libvirt's shared library is installed before anything touches
 * {@link LibvirtNative#LIB}, so a host without it gets one sentence saying what is missing and how
 * to install it, instead of a linkage error from deep inside a class initializer.
 */
final class LibvirtLibrary {

    /** The library every libvirt client links: libvirt0 on Debian and Ubuntu, libvirt-libs elsewhere. */
    static final String FILE = "libvirt.so.0";

    private LibvirtLibrary() {
    }

    /** @throws InvalidInputException when {@link #FILE} cannot be loaded */
    static void requireInstalled() {
        requireInstalled(FILE);
    }

    static void requireInstalled(String file) {
        try {
            NativeLibrary.getInstance(file);
        } catch (UnsatisfiedLinkError e) {
            throw new InvalidInputException("libvirt's library " + file + " is not installed: install it with"
                    + " 'apt-get install libvirt-clients' (Debian, Ubuntu) or 'dnf install libvirt-libs'"
                    + " (Fedora, RHEL), or run the agent without its libvirt source (--no-libvirt)");
        }
    }
}
