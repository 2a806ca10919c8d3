/**
 * The few onnx.proto messages the engine writes and reads, as a protobufjs reflection definition.
 * Field numbers are those of onnx/onnx.proto (IR version 10); only the fields used here are declared,
 * and protobufjs skips unknown fields when decoding, so files written by other tools still decode.
 */
import protobuf from 'protobufjs';

const f = (type: string, id: number, rule?: 'repeated'): { type: string; id: number; rule?: string; options?: { packed: boolean } } =>
  rule ? { type, id, rule } : { type, id };

const ONNX_DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: f('string', 1),
            f: f('float', 2),
            i: f('int64', 3),
            s: f('bytes', 4),
            t: f('TensorProto', 5),
            g: f('GraphProto', 6),
            floats: f('float', 7, 'repeated'),
            ints: f('int64', 8, 'repeated'),
            strings: f('bytes', 9, 'repeated'),
            tensors: f('TensorProto', 10, 'repeated'),
            docString: f('string', 13),
            type: f('AttributeType', 20),
          },
          nested: {
            AttributeType: {
              values: { UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8, TENSORS: 9 },
            },
          },
        },
        ValueInfoProto: { fields: { name: f('string', 1), type: f('TypeProto', 2), docString: f('string', 3) } },
        NodeProto: {
          fields: {
            input: f('string', 1, 'repeated'),
            output: f('string', 2, 'repeated'),
            name: f('string', 3),
            opType: f('string', 4),
            attribute: f('AttributeProto', 5, 'repeated'),
            docString: f('string', 6),
            domain: f('string', 7),
          },
        },
        StringStringEntryProto: { fields: { key: f('string', 1), value: f('string', 2) } },
        OperatorSetIdProto: { fields: { domain: f('string', 1), version: f('int64', 2) } },
        ModelProto: {
          fields: {
            irVersion: f('int64', 1),
            producerName: f('string', 2),
            producerVersion: f('string', 3),
            domain: f('string', 4),
            modelVersion: f('int64', 5),
            docString: f('string', 6),
            graph: f('GraphProto', 7),
            opsetImport: f('OperatorSetIdProto', 8, 'repeated'),
            metadataProps: f('StringStringEntryProto', 14, 'repeated'),
          },
        },
        GraphProto: {
          fields: {
            node: f('NodeProto', 1, 'repeated'),
            name: f('string', 2),
            initializer: f('TensorProto', 5, 'repeated'),
            docString: f('string', 10),
            input: f('ValueInfoProto', 11, 'repeated'),
            output: f('ValueInfoProto', 12, 'repeated'),
            valueInfo: f('ValueInfoProto', 13, 'repeated'),
          },
        },
        TensorProto: {
          fields: {
            dims: f('int64', 1, 'repeated'),
            dataType: f('int32', 2),
            floatData: f('float', 4, 'repeated'),
            int32Data: f('int32', 5, 'repeated'),
            int64Data: f('int64', 7, 'repeated'),
            name: f('string', 8),
            rawData: f('bytes', 9),
            doubleData: f('double', 10, 'repeated'),
            docString: f('string', 12),
          },
        },
        TensorShapeProto: {
          fields: { dim: f('Dimension', 1, 'repeated') },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
              fields: { dimValue: f('int64', 1), dimParam: f('string', 2), denotation: f('string', 3) },
            },
          },
        },
        TypeProto: {
          fields: { tensorType: f('Tensor', 1), denotation: f('string', 6) },
          nested: { Tensor: { fields: { elemType: f('int32', 1), shape: f('TensorShapeProto', 2) } } },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(ONNX_DESCRIPTOR);
const ModelProto = root.lookupType('onnx.ModelProto');

/** Attribute type codes of `onnx.AttributeProto.AttributeType`. */
export const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

// Plain-object shapes of the messages (camelCase field names, as protobufjs maps them).
export interface TensorProtoJson {
  name?: string;
  dims: number[];
  dataType: number;
  rawData?: Uint8Array;
}
export interface DimensionJson {
  dimValue?: number;
  dimParam?: string;
}
export interface ValueInfoJson {
  name: string;
  type: { tensorType: { elemType: number; shape?: { dim: DimensionJson[] } } };
}
export interface AttributeJson {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProtoJson;
  floats?: number[];
  ints?: number[];
}
export interface NodeJson {
  name: string;
  opType: string;
  domain?: string;
  input: string[];
  output: string[];
  attribute: AttributeJson[];
}
export interface GraphJson {
  name: string;
  node: NodeJson[];
  initializer: TensorProtoJson[];
  input: ValueInfoJson[];
  output: ValueInfoJson[];
  docString?: string;
}
export interface ModelJson {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsetImport: { domain: string; version: number }[];
  graph: GraphJson;
  metadataProps?: { key: string; value: string }[];
  docString?: string;
}

/** Serializes a model to ONNX protobuf bytes. */
export function encodeModel(model: ModelJson): Uint8Array {
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/** Parses ONNX protobuf bytes; int64 fields come back as JS numbers, bytes as Uint8Array. */
export function decodeModel(bytes: Uint8Array): ModelJson {
  const message = ModelProto.decode(bytes);
  return ModelProto.toObject(message, { longs: Number, bytes: Uint8Array, defaults: false, arrays: true }) as ModelJson;
}
