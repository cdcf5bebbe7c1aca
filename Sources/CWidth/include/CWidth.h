#ifndef CWIDTH_H
#define CWIDTH_H

/// `wcwidth(3)` for one Unicode scalar in the calling thread's locale: the terminal
/// cells it takes, 0 for combining characters, -1 for controls and unknown scalars.
/// (Swift's Glibc module does not declare `wcwidth`: it needs _XOPEN_SOURCE.)
int cwidth_wcwidth(unsigned int scalar);

#endif
