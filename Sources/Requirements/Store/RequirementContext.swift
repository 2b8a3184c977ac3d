import Artifacts

/// The requirements module's name for the shared write context (see `ArtifactContext`).
public typealias RequirementContext = ArtifactContext
