import Yams

/// Reads `stages:`: for each declared stage its kind and fan-out, then each instance's
/// keys with `${…}` resolved for that instance, into typed sections. Keys every stage may
/// have: `kind`, `needs`, `foreach`, `matrix`.
struct StagesReader {
    let file: String
    let baseDirectory: String
    let params: ParamTable

    typealias M = ConfigMapping<PipelineSpec.Key>

    /// Keys every stage has; the kinds' own keys are in their sections.
    enum CommonKey: String, CaseIterable { case kind, needs, foreach, matrix }

    func read(_ node: Node?, fallback: ConfigLocation, diagnostics d: inout SpecDiagnostics) -> ([StageDeclaration], [StageInstance]) {
        guard let node, !M.isNull(node) else {
            d.add(ConfigError(.missingKey(example: "stages:"), keyPath: "stages", location: fallback))
            return ([], [])
        }
        let here = M.location(of: node, file: file, fallback: fallback)
        guard case .mapping(let mapping) = node else {
            d.add(ConfigError(.wrongType(expected: "a mapping of stage names to stages", got: M.describe(node), defaultValue: nil), keyPath: "stages", location: here))
            return ([], [])
        }
        guard !mapping.isEmpty else {
            d.add(ConfigError(.refused(value: "{}", reason: "a pipeline has at least one stage"), keyPath: "stages", location: here))
            return ([], [])
        }
        var declarations: [StageDeclaration] = []
        var instances: [StageInstance] = []
        for (keyNode, valueNode) in mapping {
            let location = M.location(of: keyNode, file: file, fallback: here)
            let name = keyNode.scalar?.string ?? ""
            let keyPath = "stages.\(name)"
            guard Self.isStageName(name) else {
                d.add(ConfigError(.refused(value: "\"\(name)\"", reason: "a stage name uses letters, digits, _ and - only (@ and * are for instances and patterns in needs)"),
                                  keyPath: keyPath, location: location))
                continue
            }
            let (declaration, stageInstances) = readStage(name, valueNode, keyPath: keyPath, location: location, diagnostics: &d)
            if let declaration { declarations.append(declaration) }
            instances += stageInstances
        }
        return (declarations, instances)
    }

    private func readStage(
        _ name: String, _ node: Node, keyPath: String, location: ConfigLocation, diagnostics d: inout SpecDiagnostics
    ) -> (StageDeclaration?, [StageInstance]) {
        // A stage that cannot be read still exists as a name, so that stages needing it
        // are not reported as well.
        let unreadable = [StageInstance(id: name, name: name, kind: nil, bindings: [], needs: [], needsKeyPath: keyPath,
                                         needsLocation: location, section: nil, location: location)]
        guard case .mapping(let mapping) = node else {
            d.add(ConfigError(.wrongType(expected: "a mapping with kind: and the kind's keys", got: M.describe(node), defaultValue: nil),
                              keyPath: keyPath, location: M.location(of: node, file: file, fallback: location)))
            return (nil, unreadable)
        }
        let stageLocation = M.location(of: node, file: file, fallback: location)
        guard let common = d.check({ () throws(ConfigError) in
            try ConfigMapping<CommonKey>(Self.subset(mapping, keeping: true), path: keyPath, file: file, fallback: stageLocation)
        }) else { return (nil, unreadable) }
        let kind = d.check { () throws(ConfigError) in try common.choice(.kind, default: StageKind?.none, example: "kind: train").value }
        let paramsResolver = ReferenceResolver(scope: ReferenceScope(params: params), file: file, fallback: stageLocation)
        guard let fan = StageFanOut.decode(
            foreach: common.node(.foreach), matrix: common.node(.matrix), keyPath: keyPath, resolver: paramsResolver, diagnostics: &d)
        else { return (nil, unreadable) }
        let (fanOut, fanned) = fan
        guard let kind else { return (nil, fanned.map { placeholder(name, $0, location) }) }
        var instances: [StageInstance] = []
        for instance in fanned {
            let resolver = ReferenceResolver(scope: paramsResolver.scope.adding(instance.nodes), file: file, fallback: stageLocation)
            let errorsBefore = d.errors.count
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping {
                let keyName = key.scalar?.string ?? ""
                let fixed = keyName == CommonKey.kind.rawValue || keyName == CommonKey.foreach.rawValue || keyName == CommonKey.matrix.rawValue
                pairs.append((key, fixed ? value : resolver.resolve(value, keyPath: M.join(keyPath, keyName), diagnostics: &d)))
            }
            let resolved = Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark)
            // A reference that could not be resolved leaves `${…}` in place; reading the
            // section then would only repeat the error in other words.
            let referencesResolved = d.errors.count == errorsBefore
            let id = instance.suffix.map { "\(name)@\($0)" } ?? name
            let context = StageContext(file: file, baseDirectory: baseDirectory, keyPath: keyPath, location: stageLocation)
            let needsMapping = d.check { () throws(ConfigError) in
                try ConfigMapping<CommonKey>(Self.subset(resolved, keeping: true), path: keyPath, file: file, fallback: stageLocation)
            }
            // nil: `needs` could not be read (recorded); the graph then leaves this instance unchecked.
            var needs: [Located<String>]? = []
            if referencesResolved, let needsMapping {
                needs = d.check { () throws(ConfigError) in try needsMapping.names(.needs) }
            }
            instances.append(StageInstance(
                id: id, name: name, kind: referencesResolved && needs != nil ? kind : nil, bindings: instance.bindings, needs: needs ?? [],
                needsKeyPath: M.join(keyPath, CommonKey.needs.rawValue),
                needsLocation: needsMapping?.location(.needs) ?? stageLocation,
                section: referencesResolved ? StageSection.decode(kind: kind, node: .mapping(resolved), context: context, diagnostics: &d) : nil,
                location: location))
        }
        return (StageDeclaration(name: name, kind: kind, fanOut: fanOut, location: location), instances)
    }

    private func placeholder(_ name: String, _ instance: FanOutInstance, _ location: ConfigLocation) -> StageInstance {
        StageInstance(id: instance.suffix.map { "\(name)@\($0)" } ?? name, name: name, kind: nil, bindings: instance.bindings, needs: [],
                      needsKeyPath: "stages.\(name)", needsLocation: location, section: nil, location: location)
    }

    /// The entries of `mapping` whose key is (or, with `keeping: false`, is not) a common key.
    static func subset(_ mapping: Node.Mapping, keeping: Bool) -> Node {
        let pairs = mapping.filter { (CommonKey(rawValue: $0.key.scalar?.string ?? "") != nil) == keeping }.map { ($0.key, $0.value) }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    /// Letters, digits, `_` and `-`.
    static func isStageName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
