import analytics from './analytics';
import campaigns from './campaigns';
import connection from './connection';
import editor from './editor';
import pins from './pins';
import posts from './posts';

export default { pins, connection, editor, posts, analytics, campaigns };
