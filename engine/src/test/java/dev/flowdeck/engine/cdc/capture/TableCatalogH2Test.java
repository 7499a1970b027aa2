package dev.flowdeck.engine.cdc.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableCatalogH2Test {
    @TempDir
    Path dir;

    @Test
    void listsTablesWithKeysAndRefusesMissingOrKeylessOnes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders(id BIGINT PRIMARY KEY, customer VARCHAR(20))");
            st.execute("CREATE TABLE order_lines(order_id BIGINT, line_no INT, qty INT, PRIMARY KEY (order_id, line_no))");
            st.execute("CREATE TABLE notes(txt VARCHAR(20))");
            st.execute("INSERT INTO orders(id, customer) SELECT r.*, 'c' FROM SYSTEM_RANGE(1, 50) r");

            List<TableCatalog.TableInfo> all = TableCatalog.list(c);

            assertThat(all).extracting(t -> t.id().toString())
                    .containsExactly("public.notes", "public.order_lines", "public.orders");
            assertThat(all.get(1).primaryKey()).containsExactly("order_id", "line_no");
            assertThat(all.get(2).rowEstimate()).isEqualTo(50);
            assertThat(TableCatalog.resolve(c, List.of(TableId.parse("PUBLIC.ORDERS"))).get(0).id())
                    .isEqualTo(TableId.parse("public.orders"));
            assertThatThrownBy(() -> TableCatalog.resolve(c, List.of(TableId.parse("public.missing"))))
                    .isInstanceOfSatisfying(CaptureException.class, e -> assertThat(e.reason()).isEqualTo(CaptureException.Reason.NO_SUCH_TABLE))
                    .hasMessageContaining("public.missing does not exist").hasMessageContaining("public.orders");
            assertThatThrownBy(() -> TableCatalog.resolve(c, List.of(TableId.parse("public.notes"))))
                    .isInstanceOfSatisfying(CaptureException.class, e -> assertThat(e.reason()).isEqualTo(CaptureException.Reason.NO_PRIMARY_KEY))
                    .hasMessageContaining("public.notes has no primary key");
        }
    }
}
