import VIRuntime

extension VIClient {
    /// The `info` of each task in one round trip, skipping tasks the server no longer has (tasks
    /// expire a few minutes after they end): when one of them is gone, the rest are read one by one.
    public func taskInfos(of tasks: [VITask]) async throws -> [TaskInfo] {
        guard !tasks.isEmpty else { return [] }
        do {
            return try await retrieveProperties(of: tasks, [.info]).compactMap(\.info)
        } catch where error.isFault(ManagedObjectNotFound.self) {
            var infos: [TaskInfo] = []
            for task in tasks {
                do {
                    infos += try await retrieveProperties(of: [task], [.info]).compactMap(\.info)
                } catch where error.isFault(ManagedObjectNotFound.self) {
                    continue
                }
            }
            return infos
        }
    }
}
