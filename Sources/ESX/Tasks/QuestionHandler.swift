import VI

/// Answers or reports a VM question (libvirt's `HandleVirtualMachineQuestion`).
struct QuestionHandler {
    let client: VIClient
    let autoAnswer: Bool

    /// The labels of the possible answers, in order.
    static func answers(of question: VirtualMachineQuestionInfo) -> [String] {
        question.choice.choiceInfo.map(\.label)
    }

    /// The default choice, if the question names one that exists.
    static func defaultChoice(of question: VirtualMachineQuestionInfo) -> (any ElementDescriptionProtocol)? {
        guard let index = question.choice.defaultIndex.map(Int.init),
            question.choice.choiceInfo.indices.contains(index)
        else { return nil }
        return question.choice.choiceInfo[index]
    }

    /// With auto_answer, answers `question` with its default choice and returns the answer's
    /// label; otherwise (or when it cannot be answered) throws.
    func handle(_ question: VirtualMachineQuestionInfo, of vm: VirtualMachine) async throws -> String {
        let answers = Self.answers(of: question)
        guard autoAnswer else { throw ESXError.pendingQuestion(text: question.text, answers: answers) }
        guard !answers.isEmpty else {
            throw ESXError.unanswerableQuestion(text: question.text, reason: "it has no possible answers")
        }
        guard let choice = Self.defaultChoice(of: question) else {
            throw ESXError.unanswerableQuestion(
                text: question.text, reason: "it has no default answer; " + ESXError.answersText(answers))
        }
        try await client.answerVM(vm, questionId: question.id, answerChoice: choice.key)
        return choice.label
    }
}
