package org.ucv.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header (RFC 9110 section 11.6.1): a
 * scheme and its parameters. Parameter names are lower case; values are unquoted and unescaped.
 */
public final class Challenge {
    private final String scheme;
    private final Map<String, String> params;

    /**
     * @param scheme the auth scheme, e.g. {@code Digest}; compared without case
     * @param params the parameters (names lower case)
     */
    public Challenge(String scheme, Map<String, String> params) {
        this.scheme = scheme;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** @return the scheme as the server wrote it */
    public String scheme() { return scheme; }

    /** @return the parameters, names in lower case (unmodifiable) */
    public Map<String, String> params() { return params; }

    /**
     * @param name a parameter name, any case
     * @return its value, if present
     */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * @param name a scheme name
     * @return true when this challenge is of that scheme (case-insensitive)
     */
    public boolean is(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    @Override
    public String toString() {
        return scheme + " " + params;
    }

    /**
     * Parses every challenge of one or more {@code WWW-Authenticate} header values. A header may
     * hold several challenges separated by commas ({@code Digest realm="a", nonce="b", Basic
     * realm="a"}), and a server may send several headers. Unparsable parts are skipped: a camera's
     * odd header must not hide the challenge that follows it.
     *
     * @param headerValues the header values, in the order received
     * @return the challenges, in order
     */
    public static List<Challenge> parse(List<String> headerValues) {
        List<Challenge> out = new ArrayList<>();
        for (String value : headerValues) {
            if (value != null) {
                new Parser(value).parseInto(out);
            }
        }
        return out;
    }

    /**
     * @param headerValue one header value
     * @return its challenges
     */
    public static List<Challenge> parse(String headerValue) {
        return parse(List.of(headerValue));
    }

    /** A small tokenizer for {@code challenge = scheme [ 1*SP ( token68 / #auth-param ) ]}. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        void parseInto(List<Challenge> out) {
            String scheme = null;
            Map<String, String> params = new LinkedHashMap<>();
            boolean justAfterScheme = false;
            while (true) {
                int before = i;
                skip(" \t,");
                if (s.substring(before, i).indexOf(',') >= 0) {
                    justAfterScheme = false; // a token68 follows its scheme after spaces only
                }
                if (i >= s.length()) {
                    break;
                }
                String token = token();
                if (token.isEmpty()) {
                    i++; // a stray character: skip it
                    continue;
                }
                skip(" \t");
                if (scheme != null && isParamAssignment()) {
                    i++;
                    skip(" \t");
                    params.put(token.toLowerCase(Locale.ROOT), value());
                    justAfterScheme = false;
                } else if (scheme != null && justAfterScheme && atToken68End()) {
                    // "Negotiate abc==": a credential blob, which neither Basic nor Digest uses.
                    skip("=");
                    justAfterScheme = false;
                } else {
                    if (scheme != null) {
                        out.add(new Challenge(scheme, params));
                        params = new LinkedHashMap<>();
                    }
                    scheme = token;
                    justAfterScheme = true;
                }
            }
            if (scheme != null) {
                out.add(new Challenge(scheme, params));
            }
        }

        /** At '=' that starts a value: one '=' not followed by another one, a comma or the end. */
        private boolean isParamAssignment() {
            if (i >= s.length() || s.charAt(i) != '=') {
                return false;
            }
            int j = i + 1;
            while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                j++;
            }
            return j < s.length() && s.charAt(j) != '=' && s.charAt(j) != ',';
        }

        /** After a token: only '=' padding, then a comma or the end. */
        private boolean atToken68End() {
            int j = i;
            while (j < s.length() && (s.charAt(j) == '=' || s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                j++;
            }
            return j >= s.length() || s.charAt(j) == ',';
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private String value() {
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < s.length()) {
                        c = s.charAt(i++);
                    }
                    b.append(c);
                }
                i = Math.min(i + 1, s.length()); // past the closing quote, if there is one
                return b.toString();
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                i++;
            }
            return s.substring(start, i);
        }

        private void skip(String chars) {
            while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
        }
    }
}
