"""Rich renderables. Functions here return Table/Tree/Panel objects; they never print."""
