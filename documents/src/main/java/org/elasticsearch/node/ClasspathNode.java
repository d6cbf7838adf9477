package org.elasticsearch.node;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * An Elasticsearch node whose plugins are instances from the application class path (the HTTP
 * transport, our analyzers). It must live in Elasticsearch's package: {@code NodeConstruction} and
 * {@code NodeServiceProvider} are package-private. Written against Elasticsearch <b>9.2.2</b>, like
 * Elasticsearch's own test {@code MockNode}; keep it this small so an upgrade is a short re-check.
 */
public final class ClasspathNode extends Node {

    public ClasspathNode(Environment environment, List<Plugin> plugins) {
        super(NodeConstruction.prepareConstruction(
                environment,
                PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false),
                new NodeServiceProvider() {
                    @Override
                    PluginsService newPluginService(Environment env, PluginsLoader loader) {
                        return new ClasspathPluginsService(env.settings(), env, plugins);
                    }
                },
                true));
    }

    /**
     * Does nothing: the default listener sets JVM-wide log fields once ({@code SetOnce}), so a
     * second node in the same JVM (a restart) would fail. MockNode skips it for the same reason.
     */
    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {}
}
