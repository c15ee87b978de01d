package org.ucv.protocol.onvif.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses what a device (or anything claiming to be one) sends, refusing everything XML can do
 * beyond plain elements: no DTD (so no entity, internal or external, and no billion-laughs), no
 * external resource of any kind, no XInclude, and a size bound checked before the parser sees a
 * byte. ONVIF and WS-Discovery messages never carry a DTD, so refusing it costs nothing.
 *
 * <p>Also small helpers to walk the tree by local name: devices differ in their namespace prefixes
 * (and a few in the namespaces of the envelope's inner parts), never in the local names.
 */
public final class SafeXml {
    /** Thrown for a document this class refuses or cannot read. */
    public static final class XmlException extends Exception {
        private static final long serialVersionUID = 1L;

        XmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final DocumentBuilderFactory FACTORY = factory();

    private SafeXml() {
    }

    private static DocumentBuilderFactory factory() {
        // newDefaultInstance: the JDK's own parser, whatever a bundle's class loader or a service
        // file would otherwise pick (inside OSGi the lookup could find a parser without these features).
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setValidating(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            // The JDK's parser has every one of these: without them parsing would not be safe.
            throw new IllegalStateException("the XML parser lacks a required safety feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    /**
     * @param bytes the document
     * @param maxBytes the largest document accepted
     * @return the parsed document
     * @throws XmlException when it is too large, holds a DTD, or is not well-formed XML
     */
    public static Document parse(byte[] bytes, int maxBytes) throws XmlException {
        if (bytes.length > maxBytes) {
            throw new XmlException("the XML document is " + bytes.length + " bytes, more than the " + maxBytes
                    + " accepted", null);
        }
        if (hasDoctype(bytes)) {
            // The parser refuses it too (disallow-doctype-decl); saying so first gives a clear message.
            throw new XmlException("the XML document holds a DTD (<!DOCTYPE>), which is refused: ONVIF never uses one"
                    + " and a DTD can carry entities that read files or exhaust memory", null);
        }
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            builder.setErrorHandler(SILENT);
            return builder.parse(new InputSource(new ByteArrayInputStream(bytes)));
        } catch (SAXException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("DOCTYPE")) {
                throw new XmlException("the XML document holds a DTD (<!DOCTYPE>), which is refused", e);
            }
            throw new XmlException("not well-formed XML: " + m, e);
        } catch (IOException | ParserConfigurationException e) {
            throw new XmlException("cannot read the XML document: " + e.getMessage(), e);
        }
    }

    /**
     * Looks for a DOCTYPE in the prolog (before the root element, where XML allows one), in
     * ASCII-compatible encodings; the parser's own feature covers every other encoding.
     */
    static boolean hasDoctype(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int i = s.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0; // UTF-8 byte order mark
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (s.startsWith("<?", i)) {
                int end = s.indexOf("?>", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (s.startsWith("<!--", i)) {
                int end = s.indexOf("-->", i + 4);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else {
                return s.regionMatches(true, i, "<!DOCTYPE", 0, 9);
            }
        }
        return false;
    }

    /** Fails on errors and fatal errors, without printing them to stderr as the default handler does. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not stop a well-formed document
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /**
     * @param parent an element
     * @param localName a local name
     * @return the element's child elements with that local name, in order
     */
    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** @return every child element of {@code parent}, in order */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * @param parent an element, or null
     * @param path local names of nested child elements
     * @return the first element along that path
     */
    public static Optional<Element> child(Element parent, String... path) {
        Element at = parent;
        for (String name : path) {
            if (at == null) {
                return Optional.empty();
            }
            List<Element> c = children(at, name);
            at = c.isEmpty() ? null : c.get(0);
        }
        return Optional.ofNullable(at);
    }

    /**
     * @param parent an element, or null
     * @param path local names of nested child elements
     * @return the trimmed text of the element at that path, if present and not blank
     */
    public static Optional<String> text(Element parent, String... path) {
        return child(parent, path).map(SafeXml::text).filter(s -> !s.isEmpty());
    }

    /** @return the element's text content, trimmed */
    public static String text(Element e) {
        String t = e.getTextContent();
        return t == null ? "" : t.trim();
    }

    /**
     * @param root where to search
     * @param localName a local name
     * @return the first descendant (depth first, document order) with that local name, root included
     */
    public static Optional<Element> descendant(Element root, String localName) {
        if (root == null) {
            return Optional.empty();
        }
        if (localName.equals(root.getLocalName())) {
            return Optional.of(root);
        }
        for (Element c : children(root)) {
            Optional<Element> found = descendant(c, localName);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * @param e an element
     * @param name an attribute's local name (attributes of ONVIF types carry no namespace)
     * @return its value, if present and not blank
     */
    public static Optional<String> attribute(Element e, String name) {
        if (e == null) {
            return Optional.empty();
        }
        String v = e.hasAttribute(name) ? e.getAttribute(name) : null;
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /**
     * Escapes text for an element's content or a double-quoted attribute.
     *
     * @param text any text, or null (written as empty)
     * @return the escaped text
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    // Control characters other than tab/CR/LF are not allowed in XML 1.0 at all.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        continue;
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }
}
