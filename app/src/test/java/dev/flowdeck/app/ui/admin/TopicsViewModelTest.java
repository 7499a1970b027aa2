package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.DirectTaskRunner;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.engine.admin.TopicSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Topics view model without a toolkit or a broker: the create form and what happens without Kafka. */
class TopicsViewModelTest {
    private final TopicsViewModel vm = new TopicsViewModel(new FixedContext(new DirectTaskRunner(),
            Optional.empty(), Optional.empty(), Path.of("/tmp"), Path.of("/tmp")));

    @Test
    void readsTheCreateForm() {
        vm.newNameProperty().set(" orders ");
        vm.newPartitionsProperty().set("6");
        vm.newReplicationProperty().set("");
        vm.newRetentionProperty().set("12h");
        vm.newCleanupProperty().set("compact");
        TopicSpec spec = vm.specFromForm();
        assertThat(spec).isEqualTo(new TopicSpec("orders", 6, (short) -1, 12 * 3_600_000L, "compact"));
        vm.newRetentionProperty().set("default");
        assertThat(vm.specFromForm().retentionMs()).isNull();
    }

    @Test
    void aFormThatCannotBeReadIsBlockedWithTheReason() {
        vm.newNameProperty().set("orders");
        vm.newPartitionsProperty().set("three");
        vm.previewCreate();
        assertThat(vm.previewProperty().get().allowed()).isFalse();
        assertThat(vm.previewProperty().get().problems()).containsExactly("partitions 'three' is not a whole number");
        assertThat(vm.applyEnabledProperty().get()).isFalse();
        vm.newPartitionsProperty().set("3");
        vm.newRetentionProperty().set("a while");
        vm.previewCreate();
        assertThat(vm.previewProperty().get().problems()).singleElement().asString().contains("'a while' is not a duration");
    }

    @Test
    void withoutKafkaTheListIsEmptyAndPreviewsSaySo() {
        vm.refresh();
        assertThat(vm.connectedProperty().get()).isFalse();
        assertThat(vm.topics()).isEmpty();
        vm.newNameProperty().set("orders");
        vm.previewCreate();
        assertThat(vm.previewProperty().get().problems()).singleElement().asString().startsWith("Kafka is not connected yet");
        vm.previewDelete();
        assertThat(vm.previewProperty().get().problems()).containsExactly("select a topic in the list first");
    }
}
