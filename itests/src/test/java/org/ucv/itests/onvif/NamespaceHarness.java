package org.ucv.itests.onvif;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test's agent inside a network namespace of its own ({@link Namespace} starts it there):
 * nothing it does can reach a real interface. One line per fact on stdout, tab-separated, for the
 * test to read; it stops everything it started before it exits.
 *
 * <pre>
 * onvif-util user=U password=P [tool_password=P2] main=RTSP-URI sub=RTSP-URI commands=CMD;CMD;...
 *     a device double with its WS-Discovery responder on lo:3702, then onvif-util with the
 *     commands on its stdin: onvif-util finds a camera only by a multicast Probe, so its run
 *     checks the responder too
 * discovery responders=N class=DISCOVERY-CLASS [method=probe] [host=ADDRESS] timeout_ms=T
 *     N device doubles with WS-Discovery responders on lo:3702, then the plugin's discovery class
 *     (see {@link #discover}) probes (multicast, or unicast to host) and the cameras it found are
 *     printed
 * </pre>
 */
public final class NamespaceHarness {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(40);

    private NamespaceHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            a.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        int status;
        switch (args[0]) {
            case "onvif-util" -> status = onvifUtil(a);
            case "discovery" -> status = discovery(a);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        long left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
        out("CHILDREN_LEFT", Long.toString(left));
        out("DONE", Integer.toString(status));
        System.out.flush();
        System.exit(status);
    }

    private static int onvifUtil(Map<String, String> a) throws Exception {
        try (OnvifDevice device = OnvifDevice.builder().credentials(a.get("user"), a.get("password"))
                .name("UCV-Double-util").profile("main", "main", 320, 240, 10, a.get("main"))
                .profile("sub", "sub", 160, 120, 10, a.get("sub")).start();
             DiscoveryResponder responder = DiscoveryResponder.start(DiscoveryResponder.identityOf(device),
                     DiscoveryResponder.PORT, null, "lo")) {
            out("DEVICE", device.deviceServiceUrl());
            String toolPassword = a.getOrDefault("tool_password", a.get("password"));
            Process tool;
            try {
                tool = new ProcessBuilder("onvif-util", "-u", a.get("user"), "-p", toolPassword, "127.0.0.1")
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                out("MISSING", "onvif-util (Debian package onvif-tools) cannot run: " + e.getMessage());
                return 3;
            }
            try (OutputStream stdin = tool.getOutputStream()) {
                for (String command : a.get("commands").split(";")) {
                    stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                }
                stdin.write("quit\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                out("STDIN_CLOSED", e.toString()); // the tool quit early: its output says why
            }
            String output = readAll(tool.getInputStream(), tool);
            int exit = tool.exitValue();
            out("EXIT", Integer.toString(exit));
            for (String line : output.split("\n", -1)) {
                out("OUT", line);
            }
            calls(device);
            out("PROBES", device.name(), Integer.toString(responder.probesSeen()),
                    Integer.toString(responder.matchesSent()));
            return 0;
        }
    }

    /** Reads the tool's output until it exits, within {@link #TOOL_TIMEOUT}; kills it after that. */
    private static String readAll(InputStream in, Process tool) throws Exception {
        StringBuilder text = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the tool went away
            }
        }, "harness-tool-output");
        reader.start();
        if (!tool.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            tool.destroyForcibly();
            tool.waitFor(5, TimeUnit.SECONDS);
            out("TIMEOUT", "the tool did not exit within " + TOOL_TIMEOUT.toSeconds() + " s");
        }
        reader.join(5000);
        return text.toString();
    }

    private static void calls(OnvifDevice device) {
        for (OnvifDevice.Call c : device.calls()) {
            out("CALL", c.service(), c.operation(), c.verdict(), Integer.toString(c.status()), String.valueOf(c.fault()));
        }
    }

    private static int discovery(Map<String, String> a) throws Exception {
        int n = Integer.parseInt(a.get("responders"));
        List<OnvifDevice> devices = new ArrayList<>();
        List<DiscoveryResponder> responders = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                OnvifDevice device = OnvifDevice.builder().name("UCV Double " + i).hardware("UCVD-" + (100 + i))
                        .location("Lab " + i).profile("main", "main", 320, 240, 10, "rtsp://127.0.0.1:8554/main")
                        .start();
                devices.add(device);
                DiscoveryResponder r = DiscoveryResponder.start(DiscoveryResponder.identityOf(device),
                        DiscoveryResponder.PORT, null, "lo");
                responders.add(r);
                out("RESPONDER", device.name(), device.settings.hardware, device.settings.location, device.endpoint(),
                        device.deviceServiceUrl());
            }
            List<Map<String, Object>> found = discover(a.get("class"), a.getOrDefault("method", "probe"),
                    a.get("host"), Duration.ofMillis(Long.parseLong(a.getOrDefault("timeout_ms", "3000"))));
            for (Map<String, Object> camera : found) {
                List<String> fields = new ArrayList<>();
                camera.forEach((k, v) -> fields.add(k + "=" + (v instanceof List<?> l ? String.join(" ",
                        l.stream().map(String::valueOf).toList()) : v)));
                out("FOUND", fields.toArray(String[]::new));
            }
            for (DiscoveryResponder r : responders) {
                out("PROBES", r.identity().name(), Integer.toString(r.probesSeen()), Integer.toString(r.matchesSent()));
            }
            return 0;
        } finally {
            responders.forEach(DiscoveryResponder::close);
            devices.forEach(OnvifDevice::close);
        }
    }

    /**
     * Runs the plugin's WS-Discovery client without OSGi, by reflection (the itests do not depend on
     * the plugin): its class needs a public constructor without arguments (the standard group and
     * port on every multicast interface) and a public method {@code METHOD(Duration)}, or
     * {@code METHOD(String host, Duration)} for a unicast probe, returning a list of records (the
     * API's {@code DiscoveredCamera}); each record is printed by its component names.
     */
    static List<Map<String, Object>> discover(String className, String method, String host, Duration timeout)
            throws Exception {
        Class<?> type = Class.forName(className);
        Object client = type.getConstructor().newInstance();
        List<?> cameras = host == null ? (List<?>) type.getMethod(method, Duration.class).invoke(client, timeout)
                : (List<?>) type.getMethod(method, String.class, Duration.class).invoke(client, host, timeout);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object camera : cameras) {
            Map<String, Object> fields = new LinkedHashMap<>();
            RecordComponent[] components = camera.getClass().getRecordComponents();
            if (components == null) {
                fields.put("value", camera.toString());
            } else {
                for (RecordComponent c : components) {
                    c.getAccessor().setAccessible(true);
                    fields.put(c.getName(), c.getAccessor().invoke(camera));
                }
            }
            result.add(fields);
        }
        return result;
    }

    static void out(String kind, String... fields) {
        StringBuilder b = new StringBuilder(kind);
        for (String f : fields) {
            b.append('\t').append(f == null ? "" : f.replace('\t', ' ').replace('\n', ' '));
        }
        System.out.println(b);
    }
}
