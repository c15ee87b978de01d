package org.ucv.console.internal;

import java.util.List;
import java.util.Locale;

import org.ucv.api.camera.CameraState;

/**
 * The HTML of the Web Console's "Cameras" page (inside the console's own frame). Every value is
 * escaped with {@link Html#escape}; actions are plain form posts, so the page works without script.
 */
public final class CamerasPage {
    /** The Web Console label: the page is {@code /system/console/ucv-cameras}. */
    public static final String LABEL = "ucv-cameras";
    /** Thumbnails are served under the page's path: {@code /system/console/ucv-cameras/snapshot/{id}}. */
    public static final String SNAPSHOT_PATH = "/snapshot/";
    /** The form field of the camera an action is for. */
    public static final String PARAM_CAMERA = "camera";
    /** The form field naming the action: {@link #ACTION_TEST}, {@link #ACTION_START}, {@link #ACTION_STOP}. */
    public static final String PARAM_ACTION = "action";
    /** The form field of the {@link PostGuard} token. */
    public static final String PARAM_TOKEN = "csrf";
    public static final String ACTION_TEST = "test";
    public static final String ACTION_START = "start";
    public static final String ACTION_STOP = "stop";
    private static final int THUMBNAIL_WIDTH = 160;

    /**
     * The outcome of an action, shown above the table.
     *
     * @param error true for a failure
     * @param text the text (escaped when written)
     */
    public record Message(boolean error, String text) {
    }

    private CamerasPage() {
    }

    /**
     * @param pathInfo the request's path info as the Web Console passes it, e.g. {@code /ucv-cameras/snapshot/demo}
     * @return the path below the page, e.g. {@code /snapshot/demo}; "" for the page itself
     */
    public static String subPath(String pathInfo) {
        String prefix = "/" + LABEL;
        if (pathInfo == null || !pathInfo.startsWith(prefix)) {
            return "";
        }
        return pathInfo.substring(prefix.length());
    }

    /**
     * @param rows the cameras
     * @param pluginRoot the page's absolute path, e.g. {@code /system/console/ucv-cameras}
     * @param token the {@link PostGuard} token for the forms
     * @param message the outcome of the action just done, or null
     * @return the page's content
     */
    public static String render(List<CameraRow> rows, String pluginRoot, String token, Message message) {
        String root = Html.escape(pluginRoot);
        StringBuilder out = new StringBuilder(4096);
        long streaming = rows.stream().filter(r -> CameraState.STREAMING.wire().equals(r.state())).count();
        out.append("<p class=\"statline\">").append(rows.size()).append(rows.size() == 1 ? " camera, " : " cameras, ")
                .append(streaming).append(" streaming. <a href=\"").append(root).append("\">Refresh</a></p>\n");
        if (message != null) {
            out.append("<div id=\"ucv-message\" class=\"ui-corner-all ")
                    .append(message.error() ? "ui-state-error" : "ui-state-highlight")
                    .append("\" style=\"padding:0.5em;margin:0.5em 0\">").append(Html.escape(message.text()))
                    .append("</div>\n");
        }
        out.append("<table id=\"ucv-cameras\" class=\"nicetable\">\n<thead><tr>")
                .append("<th>Snapshot</th><th>ID</th><th>Name</th><th>Protocol</th><th>State</th><th>Viewers</th>")
                .append("<th>FPS</th><th>Latency</th><th>Last error</th><th>Actions</th></tr></thead>\n<tbody>\n");
        if (rows.isEmpty()) {
            out.append("<tr><td colspan=\"10\">No camera is configured.</td></tr>\n");
        }
        for (CameraRow row : rows) {
            row(out, row, root, token);
        }
        out.append("</tbody>\n</table>\n");
        return out.toString();
    }

    private static void row(StringBuilder out, CameraRow row, String root, String token) {
        out.append("<tr").append(row.valid() ? " data-camera=\"" + Html.escape(row.id()) + "\"" : "").append(">");
        out.append("<td>");
        if (showsThumbnail(row)) {
            String id = Html.escape(row.id());
            out.append("<img loading=\"lazy\" width=\"").append(THUMBNAIL_WIDTH).append("\" src=\"").append(root)
                    .append(SNAPSHOT_PATH).append(id).append("\" alt=\"no picture of ").append(id).append("\">");
        } else {
            out.append("-");
        }
        out.append("</td>");
        cell(out, row.id() == null ? "-" : row.id());
        cell(out, row.valid() ? row.name() : "refused configuration " + row.pid());
        cell(out, row.protocol() == null ? "-" : row.protocol());
        cell(out, row.state() + (row.held() ? " (held by console)" : ""));
        cell(out, row.valid() ? row.viewers() : "-");
        cell(out, row.fps() == null ? "-" : String.format(Locale.ROOT, "%.1f", row.fps()));
        cell(out, row.latencyMs() == null ? "-" : String.format(Locale.ROOT, "%.0f ms", row.latencyMs()));
        cell(out, row.lastError() == null ? "-" : row.lastError());
        out.append("<td>");
        if (row.valid()) {
            actions(out, row, root, token);
        }
        out.append("</td></tr>\n");
    }

    private static boolean showsThumbnail(CameraRow row) {
        return row.valid() && row.enabled() && !CameraState.PROTOCOL_MISSING.wire().equals(row.state());
    }

    private static void actions(StringBuilder out, CameraRow row, String root, String token) {
        out.append("<form method=\"post\" action=\"").append(root).append("\" style=\"margin:0\">")
                .append("<input type=\"hidden\" name=\"").append(PARAM_TOKEN).append("\" value=\"")
                .append(Html.escape(token)).append("\">")
                .append("<input type=\"hidden\" name=\"").append(PARAM_CAMERA).append("\" value=\"")
                .append(Html.escape(row.id())).append("\">");
        button(out, ACTION_TEST, "Test");
        if (row.held()) {
            button(out, ACTION_STOP, "Stop");
        } else {
            button(out, ACTION_START, "Start");
        }
        out.append("</form>");
    }

    private static void button(StringBuilder out, String action, String label) {
        out.append("<button type=\"submit\" class=\"ui-button\" name=\"").append(PARAM_ACTION).append("\" value=\"")
                .append(action).append("\">").append(label).append("</button> ");
    }

    private static void cell(StringBuilder out, Object value) {
        out.append("<td>").append(Html.escape(value)).append("</td>");
    }
}
