package org.ucv.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** Writes a JSON answer of the read-only endpoints: never cached, since states change by the second. */
public final class JsonResponse {
    private JsonResponse() {
    }

    /**
     * @param resp the response
     * @param json the body
     * @throws IOException when the client went away
     */
    public static void send(HttpServletResponse resp, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
