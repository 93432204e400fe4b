package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellHistoryTest {

    private final CellHistory history = new CellHistory();

    CellHistoryTest() {
        history.record(1, "6 * 7", "42");
        history.record(2, "int x = 1;", "");
        history.record(3, "6 * 7", "42");
    }

    @Test
    void tailGivesTheLastCellsWithOrWithoutOutput() {
        assertEquals(List.of(List.of(1, 2, "int x = 1;"), List.of(1, 3, "6 * 7")),
                history.answer(new HistoryRequest.Tail(false, true, 2)));
        assertEquals(List.of(List.of(1, 3, List.of("6 * 7", "42"))),
                history.answer(new HistoryRequest.Tail(true, true, 1)));
    }

    @Test
    void rangeIsHalfOpenAndOnlyThisSession() {
        assertEquals(List.of(List.of(1, 2, "int x = 1;")),
                history.answer(new HistoryRequest.Range(false, true, 1, 2, 3)));
        assertEquals(List.of(), history.answer(new HistoryRequest.Range(false, true, 7, 1, 3)));
    }

    @Test
    void searchMatchesGlobsUniqueAndLastN() {
        assertEquals(2, history.answer(new HistoryRequest.Search(false, true, 0, "6 ?*", false)).size());
        assertEquals(List.of(List.of(1, 3, "6 * 7")),
                history.answer(new HistoryRequest.Search(false, true, 0, "6*", true)));
        assertEquals(List.of(List.of(1, 3, "6 * 7")),
                history.answer(new HistoryRequest.Search(false, true, 1, "*", false)));
        assertEquals(0, history.answer(new HistoryRequest.Search(false, true, 0, "int", false)).size());
    }
}
