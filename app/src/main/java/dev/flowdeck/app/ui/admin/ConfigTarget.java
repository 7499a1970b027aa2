package dev.flowdeck.app.ui.admin;

import dev.flowdeck.engine.admin.ChangePreview;
import dev.flowdeck.engine.admin.ClusterConfigService;
import dev.flowdeck.engine.admin.ConfigValue;

import java.util.List;
import java.util.Map;

/** Whose configuration the config editor shows: a broker or a topic. */
sealed interface ConfigTarget {
    List<ConfigValue> read(ClusterConfigService s);

    ChangePreview preview(ClusterConfigService s, Map<String, String> changes);

    void apply(ClusterConfigService s, Map<String, String> changes);

    /** e.g. "broker 1", "topic 'orders'". */
    String describe();

    record Broker(int id) implements ConfigTarget {
        @Override
        public List<ConfigValue> read(ClusterConfigService s) {
            return s.brokerConfigs(id);
        }

        @Override
        public ChangePreview preview(ClusterConfigService s, Map<String, String> changes) {
            return s.previewBrokerChange(id, changes);
        }

        @Override
        public void apply(ClusterConfigService s, Map<String, String> changes) {
            s.changeBroker(id, changes);
        }

        @Override
        public String describe() {
            return "broker " + id;
        }
    }

    record Topic(String name) implements ConfigTarget {
        @Override
        public List<ConfigValue> read(ClusterConfigService s) {
            return s.topicConfigs(name);
        }

        @Override
        public ChangePreview preview(ClusterConfigService s, Map<String, String> changes) {
            return s.previewTopicChange(name, changes);
        }

        @Override
        public void apply(ClusterConfigService s, Map<String, String> changes) {
            s.changeTopic(name, changes);
        }

        @Override
        public String describe() {
            return "topic '" + name + "'";
        }
    }
}
