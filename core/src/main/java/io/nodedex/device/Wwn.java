package io.nodedex.device;

/**
 * A Fibre Channel World Wide Name: a 64-bit number (docs/design.md, "WWNs are numbers").
 *
 * <p>Input may carry a {@code 0x} prefix and either case, zero-padded or not (sysfs prints
 * {@code 0x%llx}, libvirt prints 16 lower-case hex digits). The number is what is stored and
 * compared; {@link #toString()} always prints 16 lower-case hex digits. Ordering is unsigned, so
 * it matches the order of the printed form and of big-endian keys.
 *
 * <p>Whitespace is never trimmed: {@code " 0x1234"} or {@code "1234\n"} is malformed. Readers of
 * formats that allow it around a value (a sysfs file's trailing newline, XML element text) strip
 * it themselves, so that a WWN padded with spaces, tabs or newlines in an API path, a query
 * parameter or a command argument is refused rather than silently accepted.
 */
public record Wwn(long value) implements Comparable<Wwn> {

    private static final int MAX_HEX_DIGITS = 16;

    /**
     * Parses a WWN as sysfs or libvirt print it.
     *
     * @throws InvalidInputException naming the value (control characters escaped) when it is not
     *     1 to 16 hex digits, optionally prefixed with {@code 0x}, with nothing around them
     */
    public static Wwn parse(String text) {
        String digits = text.regionMatches(true, 0, "0x", 0, 2) ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > MAX_HEX_DIGITS || !isHex(digits)) {
            boolean blank = text.chars().anyMatch(Character::isWhitespace);
            throw new InvalidInputException("malformed WWN '" + visible(text) + "': expected up to 16 hex digits,"
                    + " optionally prefixed with 0x" + (blank ? ", without spaces or other whitespace" : ""));
        }
        return new Wwn(Long.parseUnsignedLong(digits, 16));
    }

    /** The text with tabs, newlines and other control characters escaped, for an error message. */
    private static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
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
