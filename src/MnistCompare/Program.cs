using MnistCompare.Cli;

return App.Run(args);
