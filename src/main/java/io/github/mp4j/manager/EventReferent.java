package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.EventMethod;

/** An Event in the server: a flag and its waiters. */
final class EventReferent implements Referent {

    private boolean flag;

    @Override
    public synchronized Object call(String method, Object[] a, Session session) throws InterruptedException {
        return switch ((EventMethod) SharedType.EVENT.method(method)) {
            case isSet -> flag;
            case set -> {
                flag = true;
                notifyAll();
                yield null;
            }
            case clear -> {
                flag = false;
                yield null;
            }
            case await -> await(Referent.nanos(a[0]));
            case toString -> "<Event(" + (flag ? "set" : "unset") + ")>";
        };
    }

    private boolean await(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!flag) {
            if (nanos < 0) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wait(Math.max(1, left / 1_000_000), 0);
            }
        }
        return flag;
    }
}
