package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.DirectTaskRunner;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.engine.admin.BrowseRequest;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.StartPosition;
import dev.flowdeck.engine.admin.TailBuffer;
import dev.flowdeck.engine.config.KafkaSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Messages view model without a toolkit or a broker: inputs, the bounded tail table, the record detail. */
class MessagesViewModelTest {
    private final MessagesViewModel vm = new MessagesViewModel(new FixedContext(new DirectTaskRunner(),
            Optional.empty(), Optional.empty(), Path.of("/tmp"), Path.of("/tmp")), 100);

    @Test
    void readsTheBrowseInputsAndSaysWhatIsWrong() {
        assertThatThrownBy(vm::request).hasMessage("choose a topic first");
        vm.topicProperty().set("db_live_events");
        vm.startProperty().set(StartPosition.OFFSET);
        vm.positionProperty().set("12x");
        assertThatThrownBy(vm::request).hasMessageContaining("the start offset '12x' is not a number");
        vm.positionProperty().set("1200");
        vm.partitionProperty().set("2");
        vm.jsonFilterProperty().set("region=eu-west");
        BrowseRequest r = vm.request();
        assertThat(r.offset()).isEqualTo(1200);
        assertThat(r.partition()).hasValue(2);
        assertThat(r.filter().description()).isEqualTo("JSON region=eu-west");
        vm.startProperty().set(StartPosition.TIMESTAMP);
        vm.positionProperty().set("yesterday-ish");
        assertThatThrownBy(vm::request).hasMessageContaining("'yesterday-ish' is not a time");
        vm.positionProperty().set("-15m");
        assertThat(vm.request().timestamp()).isBetween(System.currentTimeMillis() - 15 * 60_000 - 5_000, System.currentTimeMillis());
        vm.limitProperty().set("lots");
        assertThatThrownBy(vm::request).hasMessageContaining("'lots' is not a whole number");
    }

    @Test
    void theTailTableStaysBoundedAndCountsWhatItNeverShowed() {
        TailBuffer<KafkaMessage> buffer = new TailBuffer<>(100);
        vm.beginDraining(buffer);
        buffer.addAll(messages(0, 250)); // the UI missed frames: the buffer keeps the newest 100
        assertThat(vm.drainTail()).isEqualTo(100);
        assertThat(vm.records()).hasSize(100);
        assertThat(vm.records().get(0).offset()).isEqualTo(150);
        assertThat(vm.tailDropped()).isEqualTo(150);

        buffer.addAll(messages(250, 30));
        assertThat(vm.drainTail()).isEqualTo(30);
        assertThat(vm.records()).hasSize(100);
        assertThat(vm.records().get(99).offset()).isEqualTo(279);
        assertThat(vm.tailEvicted()).isEqualTo(30);
        assertThat(vm.tailDropped()).isEqualTo(150);
        assertThat(vm.drainTail()).isZero();
    }

    @Test
    void describesOneRecordWithHeadersAndPrettyJson() {
        KafkaMessage m = new KafkaMessage("t", 1, 7, 0, "CreateTime", "k", "{\"a\":{\"b\":1}}",
                List.of(new KafkaMessage.MessageHeader("trace", "abc")), 1, 13);
        assertThat(MessagesViewModel.describe(m)).contains("t · partition 1 · offset 7").contains("  trace: abc")
                .contains("{\n  \"a\" : {\n    \"b\" : 1\n  }\n}");
        assertThat(MessagesViewModel.parseHeaders("a=1\n\nb: two")).containsExactly(
                new KafkaMessage.MessageHeader("a", "1"), new KafkaMessage.MessageHeader("b", "two"));
        assertThatThrownBy(() -> MessagesViewModel.parseHeaders("novalue")).hasMessageContaining("is not name=value");
    }

    @Test
    void withoutKafkaItSaysSoInsteadOfTrying() {
        vm.loadTopics();
        assertThat(vm.connectedProperty().get()).isFalse();
        vm.topicProperty().set("x");
        vm.browse();
        assertThat(vm.errorProperty().get()).startsWith("Kafka is not connected yet");
        KafkaSettings.of("localhost:9092"); // settings exist only in a context that has them
    }

    private static List<KafkaMessage> messages(long from, int n) {
        List<KafkaMessage> out = new ArrayList<>();
        for (long i = from; i < from + n; i++) {
            out.add(new KafkaMessage("t", 0, i, i, "CreateTime", "k" + i, "{\"n\":" + i + "}", List.of(), 2, 8));
        }
        return out;
    }
}
