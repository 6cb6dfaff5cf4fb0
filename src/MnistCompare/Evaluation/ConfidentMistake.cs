namespace MnistCompare.Evaluation;

// One image a model got wrong: where it is in its split, what it is and what the model took it for, how sure the
// model was (its probability for the predicted class) and the image itself, Height × Width grey levels
// (0 black … 255 white), row by row, as the dataset's file holds them.
public sealed record ConfidentMistake(int Index, int TrueClass, int PredictedClass, double Confidence, int Width, int Height, byte[] Pixels);
