package org.ucv.auth.internal;

import java.util.List;

/**
 * One request to an auth endpoint, as read from the servlet.
 *
 * @param method GET, POST, ...
 * @param path the path below the context, e.g. {@code /api/users/bob/password}
 * @param sessionCookies the values of every {@code ucv_session} cookie sent
 * @param authorization the Authorization header, or null
 * @param address the client's address
 * @param secure whether the request came over HTTPS (cookies get {@code Secure})
 * @param body the body (empty when none)
 */
public record HttpCall(String method, String path, List<String> sessionCookies, String authorization, String address,
        boolean secure, byte[] body) {
    public HttpCall {
        sessionCookies = List.copyOf(sessionCookies);
    }
}
