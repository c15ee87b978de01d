package org.ucv.protocol.onvif.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;

/** The captured-shape ONVIF answers in src/test/resources/onvif, with ${name} placeholders. */
final class Samples {
    private Samples() {
    }

    static String text(String name, Map<String, String> vars) {
        try (InputStream in = Samples.class.getResourceAsStream("/onvif/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> v : vars.entrySet()) {
                s = s.replace("${" + v.getKey() + "}", v.getValue());
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return text(name, Map.of());
    }

    /** @return the first element of the sample's SOAP Body */
    static Element response(String name, Map<String, String> vars) throws SafeXml.XmlException {
        Element root = SafeXml.parse(text(name, vars).getBytes(StandardCharsets.UTF_8), 1 << 20).getDocumentElement();
        Element body = SafeXml.child(root, "Body").orElseThrow();
        List<Element> c = SafeXml.children(body);
        return c.get(0);
    }

    static Element response(String name) throws SafeXml.XmlException {
        return response(name, Map.of("base", "http://192.168.1.64"));
    }

    static Element body(String name) throws SafeXml.XmlException {
        Element root = SafeXml.parse(text(name).getBytes(StandardCharsets.UTF_8), 1 << 20).getDocumentElement();
        return SafeXml.child(root, "Body").orElseThrow();
    }
}
