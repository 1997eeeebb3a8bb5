package io.nodedex.device;

/**
 * A Fibre Channel World Wide Name: a 64-bit number (docs/design.md, "WWNs are numbers").
 *
 * <p>Input may carry a {@code 0x} prefix and either case, zero-padded or not (sysfs prints
 * {@code 0x%llx}, libvirt prints 16 lower-case hex digits). The number is what is stored and
 * compared; {@link #toString()} always prints 16 lower-case hex digits. Ordering is unsigned, so
 * it matches the order of the printed form and of big-endian keys.
 */
public record Wwn(long value) implements Comparable<Wwn> {

    private static final int MAX_HEX_DIGITS = 16;

    /**
     * Parses a WWN as sysfs or libvirt print it.
     *
     * @throws InvalidInputException naming the value when it is not 1 to 16 hex digits,
     *     optionally prefixed with {@code 0x}
     */
    public static Wwn parse(String text) {
        String trimmed = text.strip();
        String digits = trimmed.regionMatches(true, 0, "0x", 0, 2) ? trimmed.substring(2) : trimmed;
        if (digits.isEmpty() || digits.length() > MAX_HEX_DIGITS || !isHex(digits)) {
            throw new InvalidInputException(
                    "malformed WWN '" + text + "': expected up to 16 hex digits, optionally prefixed with 0x");
        }
        return new Wwn(Long.parseUnsignedLong(digits, 16));
    }

    private static boolean isHex(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Wwn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** 16 lower-case hex digits, zero-padded, no prefix. */
    @Override
    public String toString() {
        String hex = Long.toHexString(value);
        return "0".repeat(MAX_HEX_DIGITS - hex.length()) + hex;
    }
}
