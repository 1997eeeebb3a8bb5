package io.nodedex.device;

import java.util.Comparator;

/**
 * The total order of device names used by every sorted list: runs of digits compare as numbers,
 * so {@code scsi_host2 < scsi_host10}; everything else compares by character. Ties (such as
 * {@code host01} and {@code host1}) fall back to plain string order, so the order is total and
 * consistent with {@code equals}.
 */
public final class NaturalOrder {

    /** Natural order of names. */
    public static final Comparator<String> NAMES = NaturalOrder::compare;

    private NaturalOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byNumber = compareNumbers(a, i, endA, b, j, endB);
                if (byNumber != 0) {
                    return byNumber;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Compares the digit runs a[fromA, toA) and b[fromB, toB) as unbounded non-negative numbers. */
    private static int compareNumbers(String a, int fromA, int toA, String b, int fromB, int toB) {
        int startA = skipLeadingZeros(a, fromA, toA);
        int startB = skipLeadingZeros(b, fromB, toB);
        int byLength = Integer.compare(toA - startA, toB - startB);
        if (byLength != 0) {
            return byLength;
        }
        for (int x = startA, y = startB; x < toA; x++, y++) {
            int byDigit = Character.compare(a.charAt(x), b.charAt(y));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        return 0;
    }

    /** The index of the first significant digit of a digit run (its last digit if all are 0). */
    private static int skipLeadingZeros(String s, int from, int to) {
        int k = from;
        while (k < to - 1 && s.charAt(k) == '0') {
            k++;
        }
        return k;
    }
}
