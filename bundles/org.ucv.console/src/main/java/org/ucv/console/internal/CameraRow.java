package org.ucv.console.internal;

/**
 * One camera as the page and {@code ucv:cameras} list it. Every text is safe to show: URLs have
 * their user info masked and error texts are redacted.
 *
 * @param id the camera id (for a refused configuration: the id it claimed, or null)
 * @param pid for a refused configuration, its PID; else null
 * @param name the camera's name (null for a refused configuration)
 * @param protocol its protocol (null for a refused configuration)
 * @param state the state's wire name, e.g. {@code streaming}
 * @param viewers viewers now (the console's own keep-alive included)
 * @param fps input pictures per second of the running session, or null when none runs
 * @param latencyMs capture to send, or null when no session runs
 * @param lastError the last error's text, or the reason a configuration was refused; null for none
 * @param address the URL with masked user info, or host:port/path; null when neither is set
 * @param enabled whether the camera is enabled
 * @param held whether the console holds a keep-alive viewer on it
 */
public record CameraRow(String id, String pid, String name, String protocol, String state, int viewers, Double fps,
                        Double latencyMs, String lastError, String address, boolean enabled, boolean held) {
    /** @return true for a camera that is configured and valid */
    public boolean valid() {
        return pid == null;
    }
}
