import Artifacts
import Vapor

/// A kind that exists only in tests, so the artifact core is proven without any domain module.
enum TestKinds {
    static let note = ArtifactKind(id: "test-note", label: "Note", keyPattern: "NOTE-###", triggerFields: ["title", "statement"],
                                   fields: ["priority"])
    static let task = ArtifactKind(id: "test-task", label: "Task", keyPattern: "TASK-####", triggerFields: ["statement"])
    static let derives = LinkKind(id: "test-derives-from", label: "derives from", inverseLabel: "derived by",
                                  pairs: [.init("test-note", "test-note")], acyclic: true)
    static let covers = LinkKind(id: "test-covers", label: "covers", inverseLabel: "covered by",
                                 pairs: [.init("test-task", "test-note")])

    static func register(on app: Application) {
        app.artifactRegistry.register(note)
        app.artifactRegistry.register(task)
        app.artifactRegistry.register(derives)
        app.artifactRegistry.register(covers)
    }
}
