import NMFVizCommand

// The command lives in the NMFVizCommand library so that tests and the fuzzer can drive its parser;
// the executable only starts it.
NMFVizMain.run()
