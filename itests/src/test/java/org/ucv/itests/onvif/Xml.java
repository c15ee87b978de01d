package org.ucv.itests.onvif;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The XML the double reads (requests, probes) and the namespaces it writes. The double parses with
 * DOCTYPE refused: it is a test peer, but it must not itself be the thing an XXE test catches.
 */
public final class Xml {
    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    public static final String TRT = "http://www.onvif.org/ver10/media/wsdl";
    public static final String TR2 = "http://www.onvif.org/ver20/media/wsdl";
    public static final String TPTZ = "http://www.onvif.org/ver20/ptz/wsdl";
    public static final String TT = "http://www.onvif.org/ver10/schema";
    public static final String TER = "http://www.onvif.org/ver10/error";
    public static final String WSSE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public static final String PASSWORD_DIGEST =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    public static final String BASE64_BINARY =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    /** WS-Addressing as WS-Discovery 2005/04 uses it. */
    public static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    public static final String DN = "http://www.onvif.org/ver10/network/wsdl";

    /** Every prefix the responses use, declared once on the envelope. */
    static final String ENVELOPE_NAMESPACES = " xmlns:s=\"" + SOAP + "\" xmlns:tds=\"" + TDS + "\" xmlns:trt=\"" + TRT
            + "\" xmlns:tr2=\"" + TR2 + "\" xmlns:tptz=\"" + TPTZ + "\" xmlns:tt=\"" + TT + "\" xmlns:ter=\"" + TER
            + "\"";

    private Xml() {
    }

    /** Parses with DOCTYPE, external entities and XInclude refused. */
    public static Document parse(byte[] bytes) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** @return the first child element with that name, or null */
    public static Element child(Element parent, String namespace, String local) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())
                    && (namespace == null || namespace.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        return null;
    }

    /** @return every child element, in order */
    public static List<Element> children(Element parent) {
        List<Element> list = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    list.add(e);
                }
            }
        }
        return list;
    }

    /** @return the trimmed text of the first child with that local name (any namespace), or null */
    public static String childText(Element parent, String local) {
        Element e = child(parent, null, local);
        return e == null ? null : e.getTextContent().trim();
    }

    /** Escapes text and attribute values. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
