namespace MnistCompare.Tests.Cli;

// Every test that calls App.Run (or otherwise redirects the process-wide console, or trains) belongs here: xunit
// runs this collection on its own, after the parallel ones, so no two tests swap Console.Out under each other and
// training runs do not compete with each other for the two cores. SharedRuns holds the trainings several tests inspect.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppCollection : ICollectionFixture<SharedRuns>
{
    public const string Name = "App (console and training)";
}
