package org.ucv.auth.internal;

import java.util.Locale;

/** Client address rules, on the text form the servlet container gives ({@code getRemoteAddr()}). */
public final class Addresses {
    private Addresses() {
    }

    /**
     * Decided on the text, never by a name lookup: an address that is not a literal is not
     * loopback.
     *
     * @return whether {@code address} is a loopback address (127.0.0.0/8 or ::1, also IPv4-mapped)
     */
    public static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.startsWith("::ffff:")) {
            a = a.substring("::ffff:".length());
        }
        if (a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        return a.startsWith("127.") && a.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
