import analytics from './analytics';
import connection from './connection';
import editor from './editor';
import pins from './pins';

export default { pins, connection, editor, analytics };
