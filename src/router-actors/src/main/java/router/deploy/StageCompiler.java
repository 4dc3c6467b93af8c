package router.deploy;

import router.runtime.CompiledStage;

/** Turns a deployed stage into its immutable compiled form, once per node per deployment. */
@FunctionalInterface
public interface StageCompiler {

  /** Compiles, or throws an exception saying why the deployment cannot be served. */
  CompiledStage compile(DeployedStage deployed);
}
