package io.nodedex.device.xml;

import java.util.Map;
import java.util.Set;

/**
 * The one value check nodedex applies to capabilities it otherwise keeps verbatim: channel
 * subsystem addresses of {@code ccw} and {@code css} devices (and a css device's
 * {@code channel_dev_addr}) must be in the ranges libvirt's schema allows (cssid up to 0xfe,
 * ssid up to 3, devno up to 0xffff), so that an address libvirt would reject is not accepted.
 * Values are hexadecimal with a {@code 0x} prefix, as libvirt prints them, or decimal.
 */
final class CcwAddressCheck {

    private static final Set<String> TYPES = Set.of("ccw", "css");
    private static final String CHANNEL_DEV_ADDR = "channel_dev_addr";
    private static final Map<String, Long> MAXIMUM = Map.of("cssid", 0xfeL, "ssid", 0x3L, "devno", 0xffffL);

    private CcwAddressCheck() {
    }

    static void check(String type, XmlElement capability, ParseContext context) {
        if (!TYPES.contains(type)) {
            return;
        }
        checkAddress(type, capability, context);
        for (XmlElement child : capability.children()) {
            if (child.name().equals(CHANNEL_DEV_ADDR)) {
                checkAddress(type, child, context);
            }
        }
    }

    private static void checkAddress(String type, XmlElement address, ParseContext context) {
        for (XmlElement part : address.children()) {
            Long maximum = MAXIMUM.get(part.name());
            if (maximum != null && !withinRange(part.text(), maximum)) {
                throw context.error(part, "capability " + type + ": <" + part.name() + "> '" + part.text()
                        + "' is not a number from 0 to 0x" + Long.toHexString(maximum));
            }
        }
    }

    private static boolean withinRange(String text, long maximum) {
        boolean hex = text.regionMatches(true, 0, "0x", 0, 2);
        String digits = hex ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > 8) {
            return false;
        }
        try {
            long value = Long.parseLong(digits, hex ? 16 : 10);
            return value >= 0 && value <= maximum;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
