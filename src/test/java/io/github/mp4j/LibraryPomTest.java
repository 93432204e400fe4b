package io.github.mp4j;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The POM that {@code mvn install} publishes (pom.xml as it is: no flattening, no reduced POM) gives
 * a program that depends on mp4j nothing beside mp4j's jar (issue 18), and carries the metadata
 * Maven Central asks for.
 */
class LibraryPomTest {

    private static final Path POM = Path.of("pom.xml");

    /**
     * Maven passes a dependency on to consumers when its scope is compile or runtime and it is not
     * optional; the transitive set a consumer gets starts from exactly these.
     */
    @Test
    void noDependencyReachesAProgramThatUsesMp4j() throws Exception {
        List<String> passedOn = new ArrayList<>();
        for (Element d : children(child(project(), "dependencies"), "dependency")) {
            String scope = text(d, "scope", "compile");
            if (Set.of("compile", "runtime").contains(scope) && !text(d, "optional", "false").equals("true")) {
                passedOn.add(text(d, "groupId", "") + ":" + text(d, "artifactId", "") + " (" + scope + ")");
            }
        }
        assertEquals(List.of(), passedOn, "dependencies every program using mp4j would get");
    }

    @Test
    void thePomCarriesWhatMavenCentralAsksFor() throws Exception {
        Element project = project();
        for (String field : List.of("name", "description", "url")) {
            assertFalse(text(project, field, "").isBlank(), field);
        }
        assertEquals("Apache-2.0", text(children(child(project, "licenses"), "license").get(0), "name", ""));
        assertFalse(children(child(project, "developers"), "developer").isEmpty(), "developers");
        Element scm = child(project, "scm");
        for (String field : List.of("connection", "developerConnection", "url")) {
            assertFalse(text(scm, field, "").isBlank(), "scm " + field);
        }
    }

    private static Element project() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile()).getDocumentElement();
    }

    /** The direct child element named {@code name}; fails when there is none. */
    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertFalse(found.isEmpty(), "no <" + name + "> in <" + parent.getTagName() + ">");
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }

    private static String text(Element parent, String name, String absent) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? absent : found.get(0).getTextContent().trim();
    }
}
