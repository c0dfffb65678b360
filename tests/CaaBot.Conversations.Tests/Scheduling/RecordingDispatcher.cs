using CaaBot.Conversations.Scheduling;

namespace CaaBot.Conversations.Tests.Scheduling;

/// <summary>Records the turns it is asked to run and answers with whatever the test queued (default: ran).</summary>
internal sealed class RecordingDispatcher : IScheduledTurnDispatcher
{
    private readonly Queue<Func<ScheduledTurn, Task<ScheduledTurnOutcome>>> _answers = new();

    public List<ScheduledTurn> Dispatched { get; } = [];

    public void ThenThrow(Exception exception) => _answers.Enqueue(_ => Task.FromException<ScheduledTurnOutcome>(exception));

    public void ThenAnswer(ScheduledTurnOutcome outcome) => _answers.Enqueue(_ => Task.FromResult(outcome));

    public void Then(Func<ScheduledTurn, Task<ScheduledTurnOutcome>> answer) => _answers.Enqueue(answer);

    public Task<ScheduledTurnOutcome> DispatchAsync(ScheduledTurn turn, CancellationToken cancellationToken)
    {
        Dispatched.Add(turn);
        return _answers.TryDequeue(out var answer) ? answer(turn) : Task.FromResult(ScheduledTurnOutcome.Ran);
    }
}
