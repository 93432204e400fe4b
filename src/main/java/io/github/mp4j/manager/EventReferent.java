package io.github.mp4j.manager;

/** An Event in the server: a flag and its waiters. */
final class EventReferent implements Referent {

    private boolean flag;

    @Override
    public synchronized Object call(String method, Object[] a, Session session) throws InterruptedException {
        switch (method) {
            case "isSet" -> {
                return flag;
            }
            case "set" -> {
                flag = true;
                notifyAll();
                return null;
            }
            case "clear" -> {
                flag = false;
                return null;
            }
            case "await" -> {
                long nanos = Referent.nanos(a[0]);
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
            case "toString" -> {
                return "<Event(" + (flag ? "set" : "unset") + ")>";
            }
            default -> throw Referent.notExposed("Event", method);
        }
    }
}
