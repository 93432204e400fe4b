package io.github.mp4j;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The results of {@link Pool#imap}, {@link Pool#imapUnordered} or {@link ProcessPoolExecutor#map},
 * delivered as their tasks finish.
 * Python's {@code IMapIterator}.
 *
 * <pre>{@code
 * ImapIterator<Integer> it = pool.imap(x -> x * x, List.of(1, 2, 3));
 * while (it.hasNext()) System.out.println(it.next());
 * }</pre>
 *
 * <p>{@link #hasNext()} and {@link #next()} wait without bound for the next result (a dead
 * worker fails its item instead of hanging). A failed item throws its exception at its position:
 * from {@link #next(Duration)} as it is, from {@link #next()} as it is when unchecked and wrapped in
 * a {@link java.util.concurrent.CompletionException} when checked.
 *
 * @param <R> the result type
 */
public interface ImapIterator<R> extends Iterator<R> {

    /**
     * The next result, waiting at most {@code timeout} for it.
     *
     * @throws java.util.concurrent.TimeoutException if it is not ready in time; the next call may
     *         still return it
     * @throws NoSuchElementException after the last result
     * @throws Exception the failed item's own exception (see {@link AsyncResult#get()})
     */
    R next(Duration timeout) throws Exception;
}
