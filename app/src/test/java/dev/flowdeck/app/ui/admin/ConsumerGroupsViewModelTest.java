package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.DirectTaskRunner;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.engine.admin.OffsetReset;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Consumer groups view model without a toolkit or a broker: the reset form and the empty state. */
class ConsumerGroupsViewModelTest {
    private final ConsumerGroupsViewModel vm = new ConsumerGroupsViewModel(new FixedContext(new DirectTaskRunner(),
            Optional.empty(), Optional.empty(), Path.of("/tmp"), Path.of("/tmp")));

    @Test
    void readsTheResetForm() {
        vm.strategyProperty().set(OffsetReset.Strategy.SHIFT);
        vm.resetValueProperty().set("+50");
        assertThat(vm.resetFromForm().value()).isEqualTo(50);
        vm.resetValueProperty().set("-100");
        assertThat(vm.resetFromForm().value()).isEqualTo(-100);
        vm.resetValueProperty().set("back a bit");
        assertThatThrownBy(vm::resetFromForm).hasMessageContaining("'back a bit' is not a whole number");
        vm.strategyProperty().set(OffsetReset.Strategy.TIMESTAMP);
        vm.resetValueProperty().set("-1h");
        assertThat(vm.resetFromForm().value()).isLessThan(System.currentTimeMillis() - 3_500_000);
        vm.resetPartitionProperty().set("x");
        assertThatThrownBy(vm::resetFromForm).hasMessageContaining("the partition 'x' is not a number");
        vm.resetPartitionProperty().set("2");
        assertThat(vm.resetFromForm().partition()).hasValue(2);
        assertThat(vm.resetFromForm().topics()).isEmpty();
    }

    @Test
    void previewNeedsAGroupAndNothingRunsWithoutOne() {
        vm.previewReset();
        assertThat(vm.previewProperty().get().problems()).containsExactly("select a group first");
        assertThat(vm.executeEnabledProperty().get()).isFalse();
        vm.refresh();
        assertThat(vm.connectedProperty().get()).isFalse();
    }
}
