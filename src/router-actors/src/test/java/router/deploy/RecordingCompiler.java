package router.deploy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import router.deploy.DeploymentCompiler;
import router.integration.IntegrationBackends;
import router.runtime.CompiledStage;
import router.template.TemplateEngine;

/** The real {@link DeploymentCompiler}, recording each deployed stage it was asked to compile. */
final class RecordingCompiler implements StageCompiler {
  private final StageCompiler real =
      new DeploymentCompiler(new TemplateEngine(), IntegrationBackends.standard());
  final List<DeployedStage> compiled = new CopyOnWriteArrayList<>();

  @Override
  public CompiledStage compile(DeployedStage deployed) {
    compiled.add(deployed);
    return real.compile(deployed);
  }

  int count() {
    return compiled.size();
  }
}
