package dev.flowdeck.engine.admin;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cancel's retries, with a statement that ignores cancels until its query is on the wire (as PgJDBC does). */
class SqlCancelTest {

    /** A statement that ignores the first {@code ignored} cancels, then ends as a cancelled query does. */
    private static Statement statement(SqlCancel owner, int ignored, AtomicInteger calls) {
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("cancel") && calls.incrementAndGet() > ignored) {
                        owner.end();
                    }
                    return null;
                });
    }

    @Test
    void aCancelThatArrivesBeforeTheQueryIsSentIsRepeatedUntilTheStatementEnds() throws Exception {
        SqlCancel cancel = new SqlCancel();
        AtomicInteger calls = new AtomicInteger();
        cancel.begin(statement(cancel, 2, calls));
        cancel.cancel();
        assertThat(calls).hasValue(3);
        assertThat(cancel.isRunning()).isFalse();
        assertThat(cancel.isCancelled()).isTrue();
    }

    @Test
    void aStatementThatEndsByItselfStopsTheRetries() throws Exception {
        SqlCancel cancel = new SqlCancel();
        AtomicInteger calls = new AtomicInteger();
        cancel.begin(statement(cancel, Integer.MAX_VALUE, calls));
        Thread ender = new Thread(() -> {
            while (calls.get() < 2) {
                Thread.onSpinWait();
            }
            cancel.end(); // the statement finished on its own
        }, "flowdeck-test-statement-end");
        ender.start();
        cancel.cancel();
        ender.join();
        assertThat(calls.get()).isGreaterThanOrEqualTo(2); // then end() wakes the waiting cancel
        assertThat(cancel.isRunning()).isFalse();
    }

    @Test
    void aCancelBeforeTheStartRefusesTheStatement() {
        SqlCancel cancel = new SqlCancel();
        cancel.cancel();
        assertThatThrownBy(() -> cancel.begin(statement(cancel, 0, new AtomicInteger())))
                .isInstanceOf(SQLException.class).hasMessageContaining("cancelled before it started");
    }
}
