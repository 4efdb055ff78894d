/// A pipeline expanded into concrete stage instances (one per `foreach` item or `matrix`
/// combination) with their typed settings and references resolved, in an order where every
/// stage comes after the stages it needs (declaration order among independent ones).
public struct PipelinePlan: Sendable, Equatable {
    public let name: String
    public let params: [PipelineParam]
    public let stages: [PlannedStage]

    public init(name: String, params: [PipelineParam], stages: [PlannedStage]) {
        self.name = name
        self.params = params
        self.stages = stages
    }

    /// Instance ids in run order.
    public var ids: [String] { stages.map(\.id) }

    public func stage(_ id: String) -> PlannedStage? { stages.first { $0.id == id } }
}

/// One stage instance of a plan.
public struct PlannedStage: Sendable, Equatable {
    /// `train@cpu-lstm`; the declared name for a stage without fan-out.
    public let id: String
    /// The declared name (`train`).
    public let name: String
    /// `item` or `matrix.NAME` values this instance was made with.
    public let bindings: [StageBinding]
    /// Ids of the instances it reads, in the order its `needs` names them.
    public let inputs: [String]
    public let section: StageSection
    /// Where the stage is declared.
    public let location: ConfigLocation

    public init(id: String, name: String, bindings: [StageBinding], inputs: [String], section: StageSection, location: ConfigLocation) {
        self.id = id
        self.name = name
        self.bindings = bindings
        self.inputs = inputs
        self.section = section
        self.location = location
    }

    public var kind: StageKind { section.kind }
    public var output: StageOutput { kind.output }
}
