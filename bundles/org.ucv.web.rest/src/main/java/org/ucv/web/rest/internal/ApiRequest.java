package org.ucv.web.rest.internal;

/** One HTTP request as the API sees it: the servlet adapts its request to this. */
public interface ApiRequest {
    /** @return the method in upper case, e.g. {@code GET} */
    String method();

    /** @return the path from the server root, e.g. {@code /api/cameras/garage}, not decoded */
    String path();

    /**
     * @param name a header name (any case)
     * @return its first value, or null
     */
    String header(String name);

    /**
     * @param name a cookie name
     * @return its value, or null
     */
    String cookie(String name);

    /** @return {@code http} or {@code https} */
    String scheme();

    /**
     * Reads the whole body, refusing one larger than the limit before storing more than it.
     *
     * @param limit the most bytes accepted
     * @return the body, empty when there is none
     * @throws ApiException 413 when larger than the limit
     */
    byte[] body(int limit) throws ApiException;
}
