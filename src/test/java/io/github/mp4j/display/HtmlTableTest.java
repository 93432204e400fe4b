package io.github.mp4j.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Process;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTableTest {

    @Test
    void cellsAreEscapedAndRowsMustMatchTheHeader() {
        String html = new HtmlTable("a", "b").row("<script>", "x & 'y'").toHtml();
        assertTrue(html.contains("<td>&lt;script&gt;</td><td>x &amp; &#39;y&#39;</td>"), html);
        assertTrue(html.startsWith("<table") && html.endsWith("</table>"), html);
        assertThrows(IllegalArgumentException.class, () -> new HtmlTable("a").row(1, 2));
    }

    @Test
    void processesShowTheirLifecycle() throws Exception {
        Process p = new Process("shown", () -> {});
        assertTrue(ProcessTable.html(List.of(p)).contains("<td>shown</td><td></td><td>initial</td>"));
        p.start();
        p.join(Duration.ofSeconds(30));
        String html = ProcessTable.html(List.of(p));
        assertTrue(html.contains("<td>shown</td><td>" + p.pid() + "</td><td>stopped</td><td>0</td><td>false</td>"), html);
        assertEquals(0, p.exitCode());
    }
}
