// This package is a skeleton: its code arrives with its own issue. It exports nothing yet.
export {};
