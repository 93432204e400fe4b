package io.github.mp4j.kernel;

import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel run's cells, answering {@code history_request} as
 * IPython does: {@code tail} (last n), {@code range} (cells [start, stop) of this session) and
 * {@code search} (glob pattern over inputs, {@code *} and {@code ?}; optionally unique, last n).
 * History lives in memory: a restarted kernel starts a new, empty session.
 * Thread-safe: cells are recorded by the shell thread, requests answered by any.
 */
final class CellHistory {

    /** The only session this kernel knows: history does not outlive the process. */
    static final int SESSION = 1;

    private record Entry(int line, String input, String output) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Records cell number {@code line}; {@code output} is its result's text, or "" */
    synchronized void record(int line, String input, String output) {
        entries.add(new Entry(line, input, output == null ? "" : output));
    }

    /** The reply content's {@code history} list for {@code request}. */
    synchronized List<List<Object>> answer(HistoryRequest request) {
        List<Entry> found = switch (request.getAccessType()) {
            case TAIL -> last(entries, ((HistoryRequest.Tail) request).getMaxReturnLength());
            case RANGE -> range((HistoryRequest.Range) request);
            case SEARCH -> search((HistoryRequest.Search) request);
        };
        List<List<Object>> tuples = new ArrayList<>();
        for (Entry e : found) {
            Object io = request.includeOutput() ? List.of(e.input(), e.output()) : e.input();
            tuples.add(List.of(SESSION, e.line(), io));
        }
        return tuples;
    }

    private List<Entry> range(HistoryRequest.Range r) {
        int session = r.getSessionIndex();
        List<Entry> found = new ArrayList<>();
        if (session != SESSION && session != 0) {
            return found; // sessions before this process are gone
        }
        for (Entry e : entries) {
            if (e.line() >= r.getStart() && (r.getStop() <= 0 || e.line() < r.getStop())) {
                found.add(e);
            }
        }
        return found;
    }

    private List<Entry> search(HistoryRequest.Search s) {
        Pattern glob = glob(s.getPattern() == null ? "*" : s.getPattern());
        List<Entry> matching = new ArrayList<>();
        for (Entry e : entries) {
            if (glob.matcher(e.input()).matches()) {
                matching.add(e);
            }
        }
        if (s.filterUnique()) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry e : matching) {
                latest.remove(e.input());
                latest.put(e.input(), e);
            }
            matching = new ArrayList<>(latest.values());
        }
        return last(matching, s.getMaxReturnLength());
    }

    private static List<Entry> last(List<Entry> list, int n) {
        return n <= 0 || n >= list.size() ? new ArrayList<>(list) : new ArrayList<>(list.subList(list.size() - n, list.size()));
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
