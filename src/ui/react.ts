/**
 * The React API the UI uses, bound once to local names. React is a platform library: the bundle reaches it through
 * a global object, so every `React.useState` or `React.createElement` would ship its full property name, while a
 * local binding minifies to two characters (the bundle budget of issue 3). `h` is the JSX factory (tsconfig.json).
 */
import * as React from 'react';

export const h = React.createElement;
export const { createContext, Fragment, memo, useCallback, useContext, useEffect, useMemo, useRef, useState } = React;
export type { ReactElement, ReactNode, RefObject } from 'react';
