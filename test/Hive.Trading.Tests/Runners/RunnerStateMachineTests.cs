using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Trading.Tests.Runners;

public sealed class RunnerStateMachineTests
{
    [Fact]
    public void Transition_FullCycle_RecordsEveryStepInOrder()
    {
        var sut = new RunnerStateMachine();

        sut.Transition(RunnerState.Analyzing, 1, "opportunity");
        sut.Transition(RunnerState.InPosition, 2, "enter_long");
        sut.Transition(RunnerState.Idle, 3, "exit", "done");

        Assert.Equal(RunnerState.Idle, sut.State);
        Assert.Equal(
            [
                new StateTransition(1, RunnerState.Idle, RunnerState.Analyzing, "opportunity", null),
                new StateTransition(2, RunnerState.Analyzing, RunnerState.InPosition, "enter_long", null),
                new StateTransition(3, RunnerState.InPosition, RunnerState.Idle, "exit", "done"),
            ],
            sut.History);
    }

    [Fact]
    public void History_MoreTransitionsThanCapacity_KeepsTheLatestOnly()
    {
        var sut = new RunnerStateMachine(historyCapacity: 3);

        for (var i = 0; i < 10; i++)
        {
            sut.Transition(i % 2 == 0 ? RunnerState.Analyzing : RunnerState.Idle, i, "t");
        }

        Assert.Equal(10, sut.TransitionCount);
        Assert.Equal([7L, 8L, 9L], sut.History.Select(t => t.Timestamp));
    }

    [Theory]
    [InlineData(RunnerState.Idle, StrategyActionKind.Exit)]
    [InlineData(RunnerState.Idle, StrategyActionKind.EnterLong)]
    [InlineData(RunnerState.Analyzing, StrategyActionKind.Exit)]
    [InlineData(RunnerState.Analyzing, StrategyActionKind.Opportunity)]
    [InlineData(RunnerState.InPosition, StrategyActionKind.EnterShort)]
    [InlineData(RunnerState.InPosition, StrategyActionKind.CancelAnalysis)]
    public void IsLegal_ActionOfAnotherState_IsFalse(RunnerState state, StrategyActionKind kind)
    {
        Assert.False(RunnerStateMachine.IsLegal(state, kind));
    }

    [Fact]
    public void ValidateAction_ExitWhileIdle_ThrowsNamingStrategyStepAndAction()
    {
        var sut = new RunnerStateMachine();

        var ex = Assert.Throws<StrategyException>(() => sut.ValidateAction(StrategyActionKind.Exit, "my-strategy"));

        Assert.Equal("my-strategy", ex.Strategy);
        Assert.Equal("detect_opportunity", ex.Step);
        Assert.Contains("'exit' is not legal in state Idle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transition_IdleToInPosition_IsIllegal()
    {
        var sut = new RunnerStateMachine();

        Assert.Throws<InvalidOperationException>(() => sut.Transition(RunnerState.InPosition, 0, "enter_long"));
        Assert.Equal(RunnerState.Idle, sut.State);
    }

    [Fact]
    public void Transition_StoppedThenResumed_ReturnsToTheGivenState()
    {
        var sut = new RunnerStateMachine();
        sut.Transition(RunnerState.Analyzing, 0, "opportunity");
        sut.Transition(RunnerState.Stopped, 1, "error");

        Assert.False(RunnerStateMachine.CanTransition(RunnerState.Stopped, RunnerState.Analyzing));
        sut.Transition(RunnerState.Idle, 2, "resume");
        Assert.Equal(RunnerState.Idle, sut.State);
    }
}
