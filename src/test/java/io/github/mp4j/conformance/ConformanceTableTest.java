package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/conformance.md generated: it must equal what {@link ConformanceTable} computes from
 * this package, and nothing here may escape the inventory. With {@code -Dmp4j.conformance.write=true}
 * the file is written instead of checked.
 */
class ConformanceTableTest {

    private static final Path TABLE = Path.of("docs", "conformance.md");

    @Test
    void everyConformanceTestNamesACPythonTest() {
        assertEquals(List.of(), ConformanceTable.strays());
    }

    @Test
    void theDocumentedTableIsTheGeneratedOne() throws IOException {
        String generated = ConformanceTable.markdown();
        if (Boolean.getBoolean("mp4j.conformance.write")) {
            Files.writeString(TABLE, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(TABLE, StandardCharsets.UTF_8),
                "docs/conformance.md is out of date: regenerate it with "
                        + "mvn -B -q -o test -Dtest=ConformanceTableTest -Dmp4j.conformance.write=true");
    }

    @Test
    void namesFollowTheJavaSpellingOfCPythonsNames() {
        assertEquals("TestQueue", ConformanceTable.javaClassName("_TestQueue"));
        assertEquals("TestWait", ConformanceTable.javaClassName("TestWait"));
        assertEquals("testGetNowait", ConformanceTable.javaMethodName("test_get_nowait"));
        assertEquals("testLockContext", ConformanceTable.javaMethodName("test_lock_context"));
    }
}
