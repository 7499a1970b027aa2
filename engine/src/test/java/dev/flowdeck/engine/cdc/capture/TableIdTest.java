package dev.flowdeck.engine.cdc.capture;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableIdTest {
    @Test
    void parsesSchemaDotTableAndNamesItsTopic() {
        TableId id = TableId.parse(" public.order_lines ");

        assertThat(id).isEqualTo(new TableId("public", "order_lines"));
        assertThat(id.topic("flowdeck")).isEqualTo("flowdeck.public.order_lines");
        assertThat(TableId.parseList("public.orders, public.order_lines,public.orders"))
                .containsExactly(new TableId("public", "orders"), new TableId("public", "order_lines"));
    }

    @Test
    void badInputSaysWhatIsExpected() {
        assertThatThrownBy(() -> TableId.parse("orders")).hasMessageContaining("not schema.table");
        assertThatThrownBy(() -> TableId.parse("a.b.c")).hasMessageContaining("not schema.table");
        assertThatThrownBy(() -> TableId.parse("public.or-ders")).hasMessageContaining("not a valid table name");
        assertThatThrownBy(() -> TableId.parseList(" , ")).hasMessageContaining("no table given");
    }

    @Test
    void settingsDefaultThePrefixAndSlotPerDatabase() {
        CaptureSettings s = CaptureSettings.of(List.of(TableId.parse("public.orders")), Path.of("/tmp/x"));

        assertThat(s.topicOf(TableId.parse("public.orders"))).isEqualTo("flowdeck.public.orders");
        assertThat(s.slotFor("Shop-DB")).isEqualTo("flowdeck_shop_db");
        assertThat(s.withSlotName("mine").slotFor("shop")).isEqualTo("mine");
        assertThat(s.tombstones()).isTrue();
        assertThatThrownBy(() -> s.withSlotName("Bad Name")).hasMessageContaining("slot name");
    }
}
